// zod schemas for every JSON body the API accepts.
import { z } from "zod";
import { userText } from "../../lib/userText";

export const email = userText().trim().toLowerCase().max(254).email("must be a valid email address");
const title = userText().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");

export const SignupBody = z.object({
  email,
  password: userText().min(8, "must be at least 8 characters").max(200),
  name: userText().trim().min(1, "must not be empty").max(80, "must be at most 80 characters"),
});
export const LoginBody = z.object({ email, password: userText().min(1, "must not be empty").max(200) });
export const CreateDocumentBody = z.object({ title: title.default("Untitled") });
export const RenameDocumentBody = z.object({ title });
export const AddMemberBody = z.object({ email, role: z.enum(["editor", "viewer"]) });
export const ChangeRoleBody = z.object({ role: z.enum(["editor", "viewer"]) });
export const CreateTokenBody = z.object({ name: userText().trim().min(1, "must not be empty").max(80) });
export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "is not a valid id");
