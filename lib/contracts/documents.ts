// HTTP contract of /api/documents and /api/documents/:id. The document shapes are the ones every layer
// shares (socket.io events and bus events list documents the same way, see lib/documents.ts).
import { z } from "zod";
import { userText } from "../userText";
import { DocumentId, Id } from "./ids";
import { isoDateTime } from "./wire";

export const ROLES = ["owner", "editor", "viewer"] as const;
export const Role = z.enum(ROLES);

const title = userText().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");

// ---- requests ----
/** `parentId`: made as a sub-page of that page, appended last (nested pages, lib/contracts/pages.ts). */
export const CreateDocumentBody = z.object({ title: title.default("Untitled"), parentId: DocumentId.optional() });
export const RenameDocumentBody = z.object({ title });

// ---- responses ----
export const DocumentSummary = z.strictObject({
  id: DocumentId,
  title: z.string(),
  ownerId: Id,
  ownerName: z.string(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
/** A document as one person's dashboard lists it: with their role. GET/PATCH /api/documents/:id, POST /api/documents (201). */
export const ListedDocument = DocumentSummary.extend({ role: Role });
/** GET /api/documents. */
export const DocumentListResponse = z.strictObject({ documents: z.array(ListedDocument) });

export type Role = z.infer<typeof Role>;
export type DocumentSummary = z.infer<typeof DocumentSummary>;
export type ListedDocument = z.infer<typeof ListedDocument>;
export type DocumentListResponse = z.infer<typeof DocumentListResponse>;
export type CreateDocumentInput = z.input<typeof CreateDocumentBody>;
export type RenameDocumentInput = z.input<typeof RenameDocumentBody>;
