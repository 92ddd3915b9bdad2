// HTTP contract of one's own account (/settings): name, email (confirmed by a mailed link) and password changes, the signed-in
// sessions, and password resets ("Forgot password?" and the /reset/<token> page; an administrator's
// reset link from the People page).
import { z } from "zod";
import { userText } from "../userText";
import { email } from "./auth";
import { Id } from "./ids";

const newPassword = userText().min(8, "must be at least 8 characters").max(200);
const currentPassword = userText().min(1, "must not be empty").max(200);

// ---- requests ----
/** PATCH /api/me */
export const UpdateMeBody = z.strictObject({
  name: userText().trim().min(1, "must not be empty").max(80, "must be at most 80 characters"),
});
/** PUT /api/me/email: asks for the change; the email changes when the link mailed to the new address is followed. */
export const ChangeEmailBody = z.strictObject({ email, currentPassword });
/** PUT /api/me/password: the other sessions end, this one stays. */
export const ChangePasswordBody = z.strictObject({ currentPassword, newPassword });
/** POST /api/auth/forgot-password: always the same answer (202), whether or not the email has an account. */
export const ForgotPasswordBody = z.strictObject({ email });
/** POST /api/auth/reset/:token */
export const ResetPasswordBody = z.strictObject({ password: newPassword });
/** Reset links carry 32 random bytes, base64url (43 characters). */
export const ResetToken = z
  .string()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, "is not a valid reset link");

// ---- responses ----
export const SessionView = z.strictObject({
  id: Id,
  /** The browser and system in plain words ("Firefox on Windows"), from the User-Agent at sign-in. */
  device: z.string(),
  createdAt: z.string(),
  /** The last request made with it (recorded at most once a minute); null before the first. */
  lastUsedAt: z.string().nullable(),
  /** The session this request came with. */
  current: z.boolean(),
});
/** GET /api/me/sessions, the current one first, then the most recently used. */
export const SessionListResponse = z.strictObject({ sessions: z.array(SessionView) });
/** DELETE /api/me/sessions (every other session): how many ended. */
export const SignedOutOthersResponse = z.strictObject({ ended: z.number().int().min(0) });
export const FORGOT_PASSWORD_ANSWER = "If an account uses that email, we have sent it a link to choose a new password. The link works for one hour.";
export const ForgotPasswordResponse = z.strictObject({ message: z.literal(FORGOT_PASSWORD_ANSWER) });
/** GET /api/auth/reset/:token: whether the link still works (and for whom). */
export const ResetView = z.discriminatedUnion("state", [
  z.strictObject({ state: z.literal("valid"), email: z.string(), expiresAt: z.string() }),
  z.strictObject({ state: z.literal("invalid") }),
]);
/**
 * An email change waiting for its link: PUT /api/me/email and POST /api/me/email/resend (202), GET /api/me/email.
 * `emailed`: the link went to the new address; otherwise `url` (in the PUT and resend answers only) is to copy.
 */
export const PendingEmailChange = z.strictObject({ email: z.string(), expiresAt: z.string(), emailed: z.boolean(), url: z.string().optional() });
export const EmailChangeResponse = z.strictObject({ pending: PendingEmailChange.nullable() });
/** GET /api/auth/email-change/:token: whether the link still works, and which address it confirms. */
export const EmailChangeView = z.discriminatedUnion("state", [
  z.strictObject({ state: z.literal("valid"), email: z.string() }),
  z.strictObject({ state: z.literal("invalid") }),
]);
/** POST /api/auth/email-change/:token: the account's email now. */
export const EmailChangedResponse = z.strictObject({ email: z.string() });

/** POST /api/admin/people/:id/reset-link (201): shown once, to copy. */
export const ResetLinkResponse = z.strictObject({ url: z.string(), expiresAt: z.string() });

export type UpdateMeInput = z.input<typeof UpdateMeBody>;
export type ChangeEmailInput = z.input<typeof ChangeEmailBody>;
export type ChangePasswordInput = z.input<typeof ChangePasswordBody>;
export type SessionView = z.infer<typeof SessionView>;
export type SessionListResponse = z.infer<typeof SessionListResponse>;
export type ResetView = z.infer<typeof ResetView>;
export type ResetLinkResponse = z.infer<typeof ResetLinkResponse>;
export type PendingEmailChange = z.infer<typeof PendingEmailChange>;
export type EmailChangeResponse = z.infer<typeof EmailChangeResponse>;
export type EmailChangeView = z.infer<typeof EmailChangeView>;
export type EmailChangedResponse = z.infer<typeof EmailChangedResponse>;
