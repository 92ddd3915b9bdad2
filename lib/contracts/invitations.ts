// HTTP contract of invitations: sharing a document with an email that has no account yet.
// POST /api/documents/:id/members answers a Member for an existing account, an InvitationCreated
// otherwise; the owner lists, resends and cancels them under /api/documents/:id/invitations; the
// link /invite/<token> reads GET /api/invitations/:token and accepts with POST .../accept.
import { z } from "zod";
import { Id } from "./ids";
import { GrantableRole, Member } from "./members";

/** Invitation links carry 32 random bytes, base64url (43 characters). */
export const InvitationToken = z
  .string()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, "is not a valid invitation");

// ---- responses ----
export const PendingInvitation = z.strictObject({
  id: Id,
  email: z.string(),
  role: GrantableRole,
  invitedByName: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
/** POST /api/documents/:id/members (201) for an email without an account, and POST .../resend (200). */
export const InvitationCreated = z.strictObject({
  invitation: PendingInvitation,
  /** True when an email went out (SMTP_URL set); otherwise `url` is the link to pass on by hand. */
  emailed: z.boolean(),
  url: z.string().optional(),
});
export const AddMemberResponse = z.union([Member, InvitationCreated]);
/** GET /api/documents/:id/invitations (the owner only): the pending ones. */
export const InvitationListResponse = z.strictObject({ invitations: z.array(PendingInvitation) });
/** GET /api/invitations/:token: what the link's page shows. */
export const InvitationView = z.discriminatedUnion("state", [
  z.strictObject({
    state: z.literal("pending"),
    email: z.string(),
    role: GrantableRole,
    documentTitle: z.string(),
    invitedByName: z.string(),
    /** True when an account with this email exists: the page offers sign-in instead of sign-up. */
    accountExists: z.boolean(),
  }),
  /** Cancelled, expired, or already used: ask the inviter for a new one. */
  z.strictObject({ state: z.literal("invalid"), invitedByName: z.string() }),
]);
/** POST /api/invitations/:token/accept: where to go now. */
export const AcceptedInvitation = z.strictObject({ documentId: Id });

export type PendingInvitation = z.infer<typeof PendingInvitation>;
export type InvitationCreated = z.infer<typeof InvitationCreated>;
export type AddMemberResponse = z.infer<typeof AddMemberResponse>;
export type InvitationListResponse = z.infer<typeof InvitationListResponse>;
export type InvitationView = z.infer<typeof InvitationView>;
export type AcceptedInvitation = z.infer<typeof AcceptedInvitation>;
