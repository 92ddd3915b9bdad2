// HTTP contract of /api/documents/:id/members and /api/documents/:id/members/:userId.
import { z } from "zod";
import { Id } from "./ids";
import { email } from "./auth";
import { Role } from "./documents";

/** The roles an owner may give (there is one owner, who made the document). */
export const GrantableRole = z.enum(["editor", "viewer"]);

// ---- requests ----
export const AddMemberBody = z.object({ email, role: GrantableRole });
export const ChangeRoleBody = z.object({ role: GrantableRole });

// ---- responses ----
/** POST (201) and PATCH answer one member. */
export const Member = z.strictObject({ userId: Id, name: z.string(), email: z.string(), role: Role });
/** GET /api/documents/:id/members. */
export const MemberListResponse = z.strictObject({ members: z.array(Member) });

export type GrantableRole = z.infer<typeof GrantableRole>;
export type Member = z.infer<typeof Member>;
export type MemberListResponse = z.infer<typeof MemberListResponse>;
export type AddMemberInput = z.input<typeof AddMemberBody>;
export type ChangeRoleInput = z.input<typeof ChangeRoleBody>;
