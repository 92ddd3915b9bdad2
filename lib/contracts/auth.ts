// HTTP contract of /api/auth/* and /api/me: sign-up, sign-in, and who is signed in.
import { z } from "zod";
import { userText } from "../userText";
import { Id } from "./ids";

export const email = userText().trim().toLowerCase().max(254).email("must be a valid email address");

// ---- requests ----
export const SignupBody = z.object({
  email,
  password: userText().min(8, "must be at least 8 characters").max(200),
  name: userText().trim().min(1, "must not be empty").max(80, "must be at most 80 characters"),
});
export const LoginBody = z.object({ email, password: userText().min(1, "must not be empty").max(200) });

// ---- responses ----
export const User = z.strictObject({ id: Id, email: z.string(), name: z.string(), isAdmin: z.boolean() });
/** POST /api/auth/signup (201), POST /api/auth/login, GET /api/me. */
export const UserResponse = z.strictObject({ user: User });

export type SignupInput = z.input<typeof SignupBody>;
export type LoginInput = z.input<typeof LoginBody>;
export type User = z.infer<typeof User>;
export type UserResponse = z.infer<typeof UserResponse>;
