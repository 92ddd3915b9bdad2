// HTTP contract of the administrators' People page: GET /api/admin/people, PATCH /api/admin/people/:id.
import { z } from "zod";
import { userText } from "../userText";
import { Id } from "./ids";

// ---- requests ----
/** GET /api/admin/people?q=&filter= : q matches name or email; filter narrows by standing. */
export const PeopleFilter = z.enum(["all", "admins", "active", "deactivated"]);
export const PeopleQuery = z.object({
  q: userText().trim().max(254).optional(),
  filter: PeopleFilter.default("all"),
});
/** Either change or both; at least one. */
export const UpdatePersonBody = z
  .strictObject({ isAdmin: z.boolean().optional(), deactivated: z.boolean().optional() })
  .refine((b) => b.isAdmin !== undefined || b.deactivated !== undefined, "say what to change: isAdmin or deactivated");

// ---- responses ----
export const Person = z.strictObject({
  id: Id,
  name: z.string(),
  email: z.string(),
  isAdmin: z.boolean(),
  createdAt: z.string(),
  /** Null while the account may sign in. */
  deactivatedAt: z.string().nullable(),
  /** The latest sign-in or access-token use; null when never seen. */
  lastActiveAt: z.string().nullable(),
  documentsOwned: z.number().int().min(0),
});
export const PeopleListResponse = z.strictObject({ people: z.array(Person) });
/** PATCH answers the person as changed. */
export const PersonResponse = z.strictObject({ person: Person });

export type PeopleFilter = z.infer<typeof PeopleFilter>;
export type PeopleQuery = z.input<typeof PeopleQuery>;
export type UpdatePersonInput = z.input<typeof UpdatePersonBody>;
export type Person = z.infer<typeof Person>;
export type PeopleListResponse = z.infer<typeof PeopleListResponse>;
export type PersonResponse = z.infer<typeof PersonResponse>;
