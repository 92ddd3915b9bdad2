// HTTP contract of import and export:
//   GET  /api/documents/:id/export?format=md|html|json|docx  → the document as a file (attachment)
//   GET  /api/export                                     → every visible document as one .tar
//   POST /api/documents/import {fileName, format, ...}   → 201 the new document (ListedDocument)
//   POST /api/documents/import multipart, field `file`   → the same, for .md/.txt, .html and .docx files as they are
// Every file is read on the server (HTML by linkedom + lib/exchange/htmlToDocument.ts, Word by mammoth first);
// ProseMirror JSON sent as JSON is checked against the editor's schema the same way before anything is created.
import { z } from "zod";
import { userText } from "../userText";
import type { ListedDocument } from "./documents";

export const EXPORT_FORMATS = ["md", "html", "json", "docx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const ExportQuery = z.object({
  format: z.enum(EXPORT_FORMATS, { error: "must be md, html, json or docx (e.g. ?format=md)" }),
});

/** What one imported file may weigh unless IMPORT_MAX_BYTES says otherwise (server/config.ts). */
export const DEFAULT_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
/** What one file that carries pictures (.docx) may weigh unless IMPORT_MAX_ARCHIVE_BYTES says otherwise. */
export const DEFAULT_IMPORT_MAX_ARCHIVE_BYTES = 25 * 1024 * 1024;
/** Files one import (one drop, one file choice) may hold; the dashboard refuses the rest by name. */
export const IMPORT_MAX_FILES = 50;
/** Deepest nesting of ProseMirror JSON the server reads (a list inside a list... 60 levels down). */
export const IMPORT_MAX_DEPTH = 60;

/** File name endings the importer understands, and how each is read. */
/** docx: mammoth makes it HTML on the server, then it goes the HTML way. */
export const IMPORT_KINDS = { md: "markdown", markdown: "markdown", txt: "markdown", html: "html", htm: "html", docx: "docx" } as const;
export type ImportKind = (typeof IMPORT_KINDS)[keyof typeof IMPORT_KINDS];
export const IMPORT_ACCEPT = Object.keys(IMPORT_KINDS)
  .map((ext) => `.${ext}`)
  .join(",");

export function importKindOf(fileName: string): ImportKind | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext && ext in IMPORT_KINDS ? IMPORT_KINDS[ext as keyof typeof IMPORT_KINDS] : null;
}

const fileName = userText().trim().min(1, "must not be empty").max(255, "must be at most 255 characters");

// ---- request ----
export const ImportBody = z.discriminatedUnion(
  "format",
  [
    /** A Markdown (or plain text) file's text, parsed by the server. */
    z.strictObject({ format: z.literal("markdown"), fileName, text: userText() }),
    /** An HTML file the browser parsed into ProseMirror JSON; its shape is checked against the schema, not here. */
    z.strictObject({
      format: z.literal("prosemirror"),
      fileName,
      title: userText().trim().max(200).optional(),
      doc: z.looseObject({ type: z.literal("doc", { error: 'must be a ProseMirror document ({"type": "doc", ...})' }) }),
    }),
  ],
  { error: "format must be markdown or prosemirror" },
);
export type ImportInput = z.input<typeof ImportBody>;

// ---- responses ----
/** Pictures of an imported file that were left out, by why: not an image the editor shows, over IMAGE_MAX_BYTES, past the most one file may bring. */
export const SkippedPictures = z.strictObject({ notAnImage: z.number().int(), tooLarge: z.number().int(), overCount: z.number().int() });
export type SkippedPictures = z.infer<typeof SkippedPictures>;

/** POST /api/documents/import → 201: the new document, and (for a file with pictures) the pictures left out. */
export type ImportResponse = ListedDocument & { skippedPictures?: SkippedPictures };

/** One entry of documents.json in the workspace archive. */
export const ArchiveEntry = z.strictObject({
  id: z.string(),
  title: z.string(),
  /** The entry's file name in the archive. */
  file: z.string(),
  role: z.enum(["owner", "editor", "viewer"]),
  ownerName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ArchiveIndex = z.strictObject({ exportedAt: z.string(), documents: z.array(ArchiveEntry) });
export type ArchiveEntry = z.infer<typeof ArchiveEntry>;
export type ArchiveIndex = z.infer<typeof ArchiveIndex>;

/** Header of GET /api/export: how many documents the archive holds (the browser shows progress with it). */
export const ARCHIVE_COUNT_HEADER = "X-Tandem-Documents";
