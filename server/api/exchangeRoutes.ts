// Import and export over HTTP: GET /api/documents/:id/export?format=md|html|json (a download),
// GET /api/export (every visible document as one .tar, streamed), POST /api/documents/import (one file
// → 201 the new document; as JSON, or as multipart form data with the file in the field `file`, for
// scripts). Reading needs documents:read, importing documents:write (it creates).
import { pageArchive } from "../exchange/pageArchive";
import type { IncomingMessage } from "node:http";
import type { Router } from "../http/router";
import type { Services } from "../services";
import { ApiError } from "../http/errors";
import { readJsonBody } from "../http/body";
import { fromZod } from "../domain/errors";
import { idParam, requireUser } from "./context";
import { linkOrigin } from "./invitationRoutes";
import { Exchange } from "../exchange/exchange";
import { attachmentDisposition, fileNameFor } from "../exchange/fileNames";
import { MIMEType } from "node:util";
import { ARCHIVE_COUNT_HEADER, ExportQuery, ImportBody, importKindOf, type ImportResponse, type SkippedPictures } from "../../lib/contracts/importExport";
import type { ListedDocument } from "../../lib/contracts/documents";
import { docxFileToDocument, htmlFileToDocument } from "../exchange/htmlFile";
import type { ImportSource } from "../exchange/importDocument";
import { decodeHtml } from "../exchange/htmlCharset";
import { ARCHIVE_MAX_ENTRIES, ARCHIVE_UNPACK_FACTOR } from "../exchange/unpackZip";
import { megabytes } from "../../lib/megabytes";

/** JSON escaping can grow a file's text (quotes, newlines, control characters): room for that. */
const JSON_OVERHEAD = 2;

async function readImportBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  try {
    return await readJsonBody(req, maxBytes * JSON_OVERHEAD + 4096);
  } catch (error) {
    if (error instanceof ApiError && error.code === "payload_too_large") throw tooLarge(maxBytes);
    throw error;
  }
}

function isMultipart(req: IncomingMessage): boolean {
  try {
    return new MIMEType(req.headers["content-type"] ?? "").essence === "multipart/form-data";
  } catch {
    return false;
  }
}

/** The most one import may weigh: text files little, a file that carries pictures (.docx) more. */
type ImportLimits = { textBytes: number; archiveBytes: number };

/** A multipart import as read: what goes on to the import, and the pictures of a Word file left out. */
type MultipartImport = { source: ImportSource; skippedPictures?: SkippedPictures };

/**
 * A multipart upload's `file` field as an import: Markdown as text; HTML (in the encoding it declares)
 * and Word converted here (server/exchange/htmlFile.ts) to the editor's JSON, a Word file's pictures
 * alongside, judged by the upload's rule (services.images).
 */
async function readMultipartImport(req: IncomingMessage, limits: ImportLimits, services: Services): Promise<MultipartImport> {
  // The file's kind is known only once the form is read: the larger limit bounds the request.
  const largest = Math.max(limits.textBytes, limits.archiveBytes);
  const limit = largest + 64 * 1024; // the form's own boundaries and headers
  if (Number(req.headers["content-length"] ?? 0) > limit) throw tooLarge(largest);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(largest);
    chunks.push(chunk as Buffer);
  }
  let form: FormData;
  try {
    form = await new Response(Buffer.concat(chunks), { headers: { "content-type": String(req.headers["content-type"]) } }).formData();
  } catch {
    throw new ApiError("invalid_input", "The upload is not valid multipart form data.");
  }
  const file = form.get("file");
  if (!(file instanceof Blob) || !("name" in file)) throw new ApiError("invalid_input", "Send the file in the form field named file.", "file");
  const fileName = String(file.name);
  const kind = importKindOf(fileName);
  if (kind === "docx" && file.size > limits.archiveBytes) throw tooLarge(limits.archiveBytes, "Word file");
  if (kind !== "docx" && file.size > limits.textBytes) throw tooLarge(limits.textBytes);
  const bytes = new Uint8Array(await file.arrayBuffer());
  // The name says what the file should be; its bytes must agree (a renamed PDF or zip is not Markdown).
  if (kind === "docx" && !isZip(bytes))
    throw new ApiError("unsupported_media_type", "This file is not a Word document (.docx). Save it from Word as .docx and try again.", "file");
  switch (kind) {
    case "markdown":
      return { source: { format: "markdown", fileName, text: plainText(bytes) } };
    case "html":
      refuseBinary(bytes);
      return { source: { format: "prosemirror", fileName, ...(await htmlFileToDocument(decodeHtml(bytes))) } };
    case "docx": {
      const unpack = { maxEntries: ARCHIVE_MAX_ENTRIES, maxUnpackedBytes: limits.archiveBytes * ARCHIVE_UNPACK_FACTOR };
      const { skipped, ...converted } = await docxFileToDocument(bytes, { judge: (image) => services.images.judge(image), unpack });
      return { source: { format: "prosemirror", fileName, ...converted }, skippedPictures: skipped };
    }
    case null:
      throw new ApiError("unsupported_media_type", "Tandem imports Markdown (.md, .markdown, .txt), HTML (.html) and Word (.docx) files.", "file");
    default: {
      const never: never = kind;
      throw new Error(`unknown import kind ${String(never)}`);
    }
  }
}

/** A zip's local file header (every .docx is a zip). */
const isZip = (bytes: Uint8Array) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** A binary file (NUL bytes, and no UTF-16 byte order mark that would explain them) is refused in plain words. */
function refuseBinary(bytes: Uint8Array): void {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.includes(0))
    throw new ApiError("unsupported_media_type", "This file is not a text file (its content is binary). Import .md, .html or .docx files.", "file");
}

/** A Markdown file as text, when it is UTF-8 text; a binary file or another encoding is refused in plain words. */
function plainText(bytes: Uint8Array): string {
  refuseBinary(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError("unsupported_media_type", "This text file is not UTF-8. Save it as UTF-8 in your editor and try again.", "file");
  }
}

const tooLarge = (maxBytes: number, what = "file") =>
  new ApiError("payload_too_large", `This ${what} is larger than ${megabytes(maxBytes)}, the most one import may be. Split it into smaller files.`);

export function registerExchangeRoutes(router: Router, services: Services): void {
  const exchange = new Exchange(services);

  router.on("GET", "/api/documents/:id/export", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:read");
    const id = idParam(ctx, "id");
    const query = ExportQuery.safeParse({ format: ctx.url.searchParams.get("format") ?? undefined });
    if (!query.success) throw fromZod(query.error);
    const file = await exchange.exportDocument(user, id, query.data.format, linkOrigin(ctx.req, services.config));
    ctx.res.writeHead(200, {
      "Content-Type": file.contentType,
      "Content-Disposition": attachmentDisposition(file.fileName),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    });
    ctx.res.end(file.body);
  });

  // A page and the sub-pages the caller can open, in folders (server/exchange/pageArchive.ts), as a zip.
  router.on("GET", "/api/documents/:id/export-pages", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:read");
    const archive = await pageArchive(services, user, idParam(ctx, "id"));
    ctx.res.writeHead(200, {
      "Content-Type": "application/zip",
      "Content-Disposition": attachmentDisposition(fileNameFor(archive.rootTitle, "zip")),
      "Cache-Control": "no-store",
      [ARCHIVE_COUNT_HEADER]: String(archive.documents.length),
    });
    await exchange.writeArchive(archive.documents, ctx.res, { baseUrl: linkOrigin(ctx.req, services.config), format: "zip", fileOf: archive.fileOf });
    ctx.res.end();
  });

  router.on("GET", "/api/export", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:read");
    const documents = await exchange.listForArchive(user);
    const day = new Date().toISOString().slice(0, 10);
    ctx.res.writeHead(200, {
      "Content-Type": "application/x-tar",
      "Content-Disposition": attachmentDisposition(`Tandem export ${day}.tar`),
      "Cache-Control": "no-store",
      [ARCHIVE_COUNT_HEADER]: String(documents.length),
    });
    await exchange.writeArchive(documents, ctx.res, { baseUrl: linkOrigin(ctx.req, services.config), format: "tar" });
    ctx.res.end();
  });

  router.on("POST", "/api/documents/import", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:write");
    const max = services.config.importMaxBytes;
    if (isMultipart(ctx.req)) {
      const limits = { textBytes: max, archiveBytes: services.config.importMaxArchiveBytes };
      const { source: converted, skippedPictures } = await readMultipartImport(ctx.req, limits, services);
      // The same contract as a JSON import (the file's name, text and title); the pictures are ours.
      const { images, ...body } = { images: undefined, ...converted };
      const checked = ImportBody.safeParse(body);
      if (!checked.success) throw fromZod(checked.error);
      const source: ImportSource = checked.data.format === "prosemirror" ? { ...checked.data, images } : checked.data;
      const created = await exchange.importDocument(user, source);
      const answer: ImportResponse = skippedPictures ? { ...created, skippedPictures } : created;
      return { status: 201, body: answer };
    }
    const parsed = ImportBody.safeParse(await readImportBody(ctx.req, max));
    if (!parsed.success) throw fromZod(parsed.error);
    const source = parsed.data;
    if (source.format === "markdown" && Buffer.byteLength(source.text, "utf8") > max) throw tooLarge(max);
    return { status: 201, body: (await exchange.importDocument(user, source)) satisfies ListedDocument };
  });
}
