// HTTP contract of a document's version history: /api/documents/:id/versions…, its compare and restore.
// Every route follows the document's access rules: viewers list, view and compare; editors name,
// rename and restore; only the owner deletes a version. Anyone who cannot see the document gets 404.
import { z } from "zod";
import { userText } from "../userText";
import { Id } from "./ids";
import { isoDateTime } from "./wire";

export const VERSION_NAME_MAX = 100;

export const VERSION_KINDS = ["auto", "named", "restore-point"] as const;
/** auto: made after a pause in editing; named: a person named it; restore-point: the state just before a restore. */
export const VersionKind = z.enum(VERSION_KINDS);

const versionName = userText().trim().min(1, "must not be empty").max(VERSION_NAME_MAX, `must be at most ${VERSION_NAME_MAX} characters`);

// ---- requests ----
/** POST /api/documents/:id/versions: name the document's current state. */
export const CreateVersionBody = z.object({ name: versionName });
/** PATCH /api/documents/:id/versions/:versionId: name an automatic version, rename one, or clear its name (null). */
export const RenameVersionBody = z.object({ name: versionName.nullable() });
/** POST /api/documents/:id/versions/:versionId/copy: a new document with that version's content. */
export const CopyVersionBody = z.object({
  title: userText().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").optional(),
});

/** "origin" is the empty document before its first change; "current" is the live document now. */
export const CompareFrom = z.union([z.literal("origin"), Id]);
export const CompareTo = z.union([z.literal("current"), Id]);
/** GET /api/documents/:id/compare?from=&to= (query string). */
export const CompareQuery = z.object({
  from: z.string({ error: "add ?from= with a version id or origin" }).pipe(CompareFrom),
  to: z.string({ error: "add ?to= with a version id or current" }).pipe(CompareTo),
});

// ---- responses ----
export const Contributor = z.strictObject({ id: Id, name: z.string() });
export const Version = z.strictObject({
  id: Id,
  kind: VersionKind,
  name: z.string().nullable(),
  createdAt: isoDateTime,
  /** The accounts whose changes this version holds since the one before it (its contributors). */
  authors: z.array(Contributor),
});
/** GET /api/documents/:id/versions, newest first. */
export const VersionListResponse = z.strictObject({ versions: z.array(Version) });

/** A Tiptap / ProseMirror node as JSON (`editor.getJSON()`): {type:"doc", content:[…]} at the root. */
export type ProseMirrorNode = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: ProseMirrorNode[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
};
export const ProseMirrorNode: z.ZodType<ProseMirrorNode> = z.lazy(() =>
  z.object({
    type: z.string(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(ProseMirrorNode).optional(),
    marks: z.array(z.object({ type: z.string(), attrs: z.record(z.string(), z.unknown()).optional() })).optional(),
    text: z.string().optional(),
  }),
);
/**
 * GET /api/documents/:id/versions/:versionId: the version and the document as it was then, as the
 * editor's JSON (the read-only view renders it), plain text (blocks apart by a blank line) and HTML.
 */
export const VersionContentResponse = z.strictObject({ version: Version, content: ProseMirrorNode, text: z.string(), html: z.string() });

/** formatted: the same text with other formatting (bold added, a link removed…). */
export const RUN_CHANGES = ["same", "added", "removed", "formatted"] as const;
export const RunChange = z.enum(RUN_CHANGES);
/** A stretch of text with one change and one author. */
export const CompareRun = z.strictObject({
  text: z.string(),
  change: RunChange,
  /**
   * added: the account that wrote it. removed: the account that deleted it (recorded per accepted
   * update; for deletions older than that record, only when the first version without it has exactly
   * one contributor). formatted: the account that changed its formatting. same, or unknown: null.
   */
  authorId: Id.nullable(),
  /**
   * When: for an addition or a formatting change, the first version holding it (null when none does
   * yet); for a recorded deletion, the moment it was made; otherwise the first version without it.
   */
  at: isoDateTime.nullable(),
});
/** A block both points hold whose own attributes changed (a heading's level, a paragraph's alignment). */
export const CompareFormatChange = z.strictObject({
  authorId: Id.nullable(),
  at: isoDateTime.nullable(),
  /** The block's attributes at "from" (its attrs are those at "to"). */
  before: z.record(z.string(), z.unknown()),
  /** The block's type at "from", when it changed (a paragraph made a heading); absent when it did not. */
  typeBefore: z.string().optional(),
});
/** A top-level block of the "to" document (paragraph, heading…, or one removed since "from"). */
export const CompareBlock = z.strictObject({
  type: z.string(),
  attrs: z.record(z.string(), z.unknown()).optional(),
  runs: z.array(CompareRun),
  /** Present when only the block's attributes changed between the two points. */
  formatChange: CompareFormatChange.optional(),
});
/** GET /api/documents/:id/compare. from=origin&to=current is "who wrote what": every run "added", with its author. */
export const CompareResponse = z.strictObject({ blocks: z.array(CompareBlock), authors: z.array(Contributor) });

/** POST /api/documents/:id/versions/:versionId/restore: the version kept of the state before the restore (undo = restore it). */
export const RestoreVersionResponse = z.strictObject({ restorePoint: Version });
// POST …/copy answers 201 with a ListedDocument (lib/contracts/documents.ts), like POST /api/documents.

export type VersionKind = z.infer<typeof VersionKind>;
export type Contributor = z.infer<typeof Contributor>;
export type Version = z.infer<typeof Version>;
export type VersionListResponse = z.infer<typeof VersionListResponse>;
export type VersionContentResponse = z.infer<typeof VersionContentResponse>;
export type RunChange = z.infer<typeof RunChange>;
export type CompareRun = z.infer<typeof CompareRun>;
export type CompareBlock = z.infer<typeof CompareBlock>;
export type CompareFormatChange = z.infer<typeof CompareFormatChange>;
export type CompareResponse = z.infer<typeof CompareResponse>;
export type RestoreVersionResponse = z.infer<typeof RestoreVersionResponse>;
export type CreateVersionInput = z.input<typeof CreateVersionBody>;
export type RenameVersionInput = z.input<typeof RenameVersionBody>;
export type CopyVersionInput = z.input<typeof CopyVersionBody>;
export type CompareQueryInput = z.input<typeof CompareQuery>;
