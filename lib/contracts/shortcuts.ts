// HTTP contract of the dashboard's shortcuts: starring a document (PUT/DELETE
// /api/documents/:id/favourite, 204) and the two lists, answered in the documents list's own shape
// (GET /api/me/favourites newest star first, GET /api/me/recent last opened first), each with only the
// documents the caller can still open.
import { z } from "zod";
import { ListedDocument } from "./documents";

/** How many documents "Recently opened" lists. */
export const RECENT_LIMIT = 8;

export const ShortcutListResponse = z.strictObject({ documents: z.array(ListedDocument) });

export type ShortcutListResponse = z.infer<typeof ShortcutListResponse>;
