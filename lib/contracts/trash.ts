// HTTP contract of the trash: /api/trash, /api/trash/:id, its restore, and the administrator's purge.
// A trashed document answers 404 on its normal routes (/api/documents/:id …); these routes are the
// only way to see it, and only its members see it at all.
import { z } from "zod";
import { DocumentSummary, ListedDocument } from "./documents";
import { isoDateTime } from "./wire";
import { Id } from "./ids";

// ---- responses ----
/** A document in the trash: when it went there, by whom, and when it is purged for good. */
export const TrashedDocument = DocumentSummary.extend({
  deletedAt: isoDateTime,
  deletedByName: z.string().nullable(),
  purgeAt: isoDateTime,
  /**
   * The parent page it went to the trash with (in the same act), which is in the trash too: the Trash
   * lists it under that page, and restoring the page brings it back. Null for a page trashed on its own.
   */
  trashedWithId: Id.nullable(),
});
/** GET /api/trash: the caller's own trashed documents. Groups (a page and the sub-pages trashed with it) most recently deleted first; inside a group, tree order (a page, then its sub-pages by position, depth first). */
export const TrashListResponse = z.strictObject({ documents: z.array(TrashedDocument) });
/** GET /api/trash/:id: for any member of a trashed document (what its link shows); only the owner can restore. */
export const TrashEntryResponse = z.strictObject({ document: TrashedDocument, canRestore: z.boolean() });
/** POST /api/trash/:id/restore and POST /api/documents/:id/restore: the document back, as the owner lists it. */
export const RestoreResponse = ListedDocument;
/** DELETE /api/admin/trash: how many trashed documents were deleted for good. */
export const PurgeResponse = z.strictObject({ purged: z.number().int().min(0) });

export type TrashedDocument = z.infer<typeof TrashedDocument>;
export type TrashListResponse = z.infer<typeof TrashListResponse>;
export type TrashEntryResponse = z.infer<typeof TrashEntryResponse>;
export type RestoreResponse = z.infer<typeof RestoreResponse>;
export type PurgeResponse = z.infer<typeof PurgeResponse>;
