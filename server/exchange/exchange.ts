// Import and export, transport-free: a document as Markdown, HTML or ProseMirror JSON; every document an
// account can see as one archive; a file made into a new document owned by the importer. Access is the
// documents' own rule (any member may export; trashed documents are not exported), asked of
// services.documents, like every other route.
import type { Writable } from "node:stream";
import { withoutDefaultFormatting } from "../../lib/editor/formatting";
import * as Y from "yjs";
import { once } from "node:events";
import type { Node } from "@tiptap/pm/model";
import type { Services } from "../services";
import type { AuthUser } from "../auth/auth";
import { collabOf, type CollabService } from "../collab/collabChannel";
import { notFound } from "../domain/errors";
import type { ArchiveEntry, ArchiveIndex, ExportFormat } from "../../lib/contracts/importExport";
import type { ListedDocument } from "../../lib/contracts/documents";
import { documentSchema } from "./schema";
import { readDocumentNode } from "./documentContent";
import { toMarkdown } from "./markdownSerializer";
import { toHtmlFile } from "./htmlSerializer";
import { toDocx, type ImageLoader } from "./docxSerializer";
import { IMAGE_PATH_PREFIX } from "../../lib/contracts/images";
import { fileNameFor, UniqueNames } from "./fileNames";
import { type ArchiveFormat, archiveWriter } from "./archiveWriter";
import { prepareImport, withImageSources, type ImportSource } from "./importDocument";

export type ExportedFile = { fileName: string; contentType: string; body: string | Uint8Array };

const CONTENT_TYPES: Record<ExportFormat, string> = {
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  json: "application/json; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

function collabFor(services: Services): CollabService {
  const collab = collabOf(services);
  // Every real server runs the collab channel; only a test server started without it lacks one.
  if (!collab) throw new Error("import/export needs the collab channel, which this server did not start");
  return collab;
}

function render(content: Node, title: string, format: ExportFormat, baseUrl: string, loadImage: ImageLoader): Promise<string | Uint8Array> | string {
  switch (format) {
    case "md":
      return toMarkdown(content, { baseUrl });
    case "html":
      return toHtmlFile(content, title);
    case "json":
      return `${JSON.stringify(withoutDefaultFormatting(content.toJSON()), null, 2)}\n`;
    case "docx":
      return toDocx(content, title, { baseUrl, loadImage });
    default: {
      const never: never = format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}

export class Exchange {
  constructor(private readonly services: Services) {}

  /** One document as a file; 404 for anyone who is not a member, as everywhere. */
  async exportDocument(user: AuthUser, documentId: string, format: ExportFormat, baseUrl: string): Promise<ExportedFile> {
    const doc = await this.services.documents.get(user, documentId);
    const content = await readDocumentNode(collabFor(this.services), documentId, documentSchema());
    if (!content) throw notFound();
    const body = await render(content, doc.title, format, baseUrl, (src) => this.imageOf(documentId, src));
    return { fileName: fileNameFor(doc.title, format), contentType: CONTENT_TYPES[format], body };
  }

  /** An image the document holds, by its src (another document's image is not this one's to embed). */
  private async imageOf(documentId: string, src: string): Promise<{ bytes: Uint8Array; mime: string } | null> {
    if (!src.startsWith(IMAGE_PATH_PREFIX)) return null;
    const id = src.slice(IMAGE_PATH_PREFIX.length);
    const row = await this.services.db.documentImage.findFirst({ where: { id, documentId }, select: { bytes: true, mime: true } });
    return row ? { bytes: new Uint8Array(row.bytes), mime: row.mime } : null;
  }

  /** The account's visible documents (trash excluded), listed before anything is written. */
  listForArchive(user: AuthUser): Promise<ListedDocument[]> {
    return this.services.documents.list(user);
  }

  /**
   * Writes `<title>.md` for each document, then documents.json, as a tar or zip, one document at a time
   * (waiting for `out` to drain, so a slow download holds one document in memory, not all of them).
   */
  async writeArchive(
    documents: ListedDocument[],
    out: Writable,
    options: { baseUrl: string; format: ArchiveFormat; fileOf?: (doc: ListedDocument) => string },
  ): Promise<void> {
    const collab = collabFor(this.services);
    const schema = documentSchema();
    const archive = archiveWriter(options.format);
    const names = new UniqueNames();
    names.claim("documents", "json"); // the index's own name is taken
    const entries: ArchiveEntry[] = [];
    const write = async (chunks: Uint8Array[]) => {
      for (const chunk of chunks) if (chunk.length > 0 && !out.write(chunk)) await once(out, "drain");
    };
    for (const doc of documents) {
      if (out.destroyed) return; // the download was cancelled
      const content = await readDocumentNode(collab, doc.id, schema);
      if (!content) continue; // deleted while the archive was being written
      // A page's archive places each sub-page in its parent's folder (pageArchive.ts); else flat, unique names.
      const file = options.fileOf?.(doc) ?? names.claim(doc.title, "md");
      await write(archive.entry(file, Buffer.from(toMarkdown(content, { baseUrl: options.baseUrl }), "utf8"), new Date(doc.updatedAt)));
      entries.push({ id: doc.id, title: doc.title, file, role: doc.role, ownerName: doc.ownerName, createdAt: doc.createdAt, updatedAt: doc.updatedAt });
    }
    const index: ArchiveIndex = { exportedAt: new Date().toISOString(), documents: entries };
    await write([...archive.entry("documents.json", Buffer.from(`${JSON.stringify(index, null, 2)}\n`, "utf8")), ...archive.end()]);
  }

  /** A new document owned by `user` from one file; nothing is created when the file is refused. */
  async importDocument(user: AuthUser, source: ImportSource): Promise<ListedDocument> {
    const collab = collabFor(this.services);
    const prepared = prepareImport(documentSchema(), source);
    const pending = source.format === "prosemirror" ? (source.images ?? []) : [];
    // The pictures count as uploads (the same allowance, all or none) before anything is created.
    const { images } = this.services;
    await images.takeAllowance(user, pending.length);
    const created = await this.services.documents.create(user, prepared.title);
    try {
      let update = prepared.update;
      if (pending.length > 0) {
        // The pictures belong to the new document (served with its access, purged with it), so they are
        // stored once it exists, and the placeholders in the checked content become their URLs.
        const urls = new Map<string, string>();
        for (const image of pending) urls.set(image.src, (await images.store(user, created.id, image.bytes, image.mime)).url);
        const doc = withImageSources(prepared.content, urls);
        update = prepareImport(documentSchema(), { format: "prosemirror", fileName: source.fileName, title: prepared.title, doc }).update;
      }
      const stored = await collab.edit(created.id, (doc) => {
        // Inside the room's transaction: stored and relayed like any edit (the room is empty: nobody knew the id).
        Y.applyUpdate(doc, update);
      });
      if (!stored) throw new Error("the new document could not be opened");
    } catch (error) {
      // Never leave an empty document behind for a file that did not arrive.
      await this.services.db.document.delete({ where: { id: created.id } }).catch(() => {});
      throw error;
    }
    return created;
  }
}
