// HTTP contract of /api/documents/:id/members and /api/documents/:id/members/:userId.
import { z } from "zod";
import { DocumentId, Id } from "./ids";
import { email } from "./auth";
import { Role } from "./documents";

/** The roles an owner may give (there is one owner, who made the document). */
export const GrantableRole = z.enum(["editor", "viewer"]);

// ---- requests ----
export const AddMemberBody = z.object({ email, role: GrantableRole });
export const ChangeRoleBody = z.object({ role: GrantableRole });

// ---- responses ----
/**
 * Where an inherited membership comes from: the ancestor page the grant was made on. `title` is null
 * when the caller cannot open that page (its name is not theirs to read).
 */
export const InheritedFrom = z.strictObject({ id: DocumentId, title: z.string().nullable() });
/** POST (201) and PATCH answer one member. `inheritedFrom`: null for access granted on this page itself. */
export const Member = z.strictObject({
  userId: Id,
  name: z.string(),
  email: z.string(),
  role: Role,
  inheritedFrom: InheritedFrom.nullable(),
});
/** GET /api/documents/:id/members. */
export const MemberListResponse = z.strictObject({ members: z.array(Member) });

export type GrantableRole = z.infer<typeof GrantableRole>;
export type Member = z.infer<typeof Member>;
export type InheritedFrom = z.infer<typeof InheritedFrom>;
export type MemberListResponse = z.infer<typeof MemberListResponse>;
export type AddMemberInput = z.input<typeof AddMemberBody>;
export type ChangeRoleInput = z.input<typeof ChangeRoleBody>;
