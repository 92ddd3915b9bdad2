// HTML and Word files read on the server: linkedom gives the HTML a DOM, and the shared converter
// (lib/exchange/htmlToDocument.ts, the browser's too) makes it the editor's JSON. A Word file goes
// through mammoth to HTML first; its pictures are kept aside as bytes under placeholder paths, which
// the import swaps for stored images once the new document exists (server/exchange/exchange.ts).
import crypto from "node:crypto";
import { elementDepth, htmlToDocument, type HtmlImport } from "../../lib/exchange/htmlToDocument";
import { MAMMOTH_STYLE_MAP } from "../../lib/exchange/docxStyles";
import { IMAGE_PATH_PREFIX, type ImageType } from "../../lib/contracts/images";
import type { SkippedPictures } from "../../lib/contracts/importExport";
import type { ImageVerdict } from "../domain/images";
import { invalidInput } from "../domain/errors";
import { documentSchema } from "./schema";
import { type UnpackLimits, unpackZip } from "./unpackZip";

/** A picture from a Word file, waiting for its document: `src` is where the converted document points. */
export type PendingImage = { src: string; bytes: Uint8Array<ArrayBuffer>; mime: ImageType };

/** `skipped`: pictures left out, by why (the import's answer names them). */
export type ConvertedFile = HtmlImport & { images: PendingImage[]; skipped: SkippedPictures };

/** How a Word file's pictures are judged (the upload's own rule: server/domain/images.ts) and how far it may unpack. */
export type DocxRules = { judge: (bytes: Uint8Array) => ImageVerdict; unpack: UnpackLimits };

/** Deepest element nesting read (the parse rules recurse; real pages nest a few dozen levels). */
export const HTML_MAX_DEPTH = 500;

/** Most pictures one Word file may bring (each one is a stored image). */
export const MAX_IMPORT_IMAGES = 100;

/** linkedom and mammoth load on the first such import: most servers never read a Word file. */
export async function htmlFileToDocument(html: string): Promise<HtmlImport> {
  const { parseHTML } = await import("linkedom");
  const { document } = parseHTML(html);
  if (elementDepth(document.documentElement as unknown as Element) > HTML_MAX_DEPTH)
    throw invalidInput(`The file nests too deeply (more than ${HTML_MAX_DEPTH} levels of elements). Simplify it and try again.`, "file");
  return htmlToDocument(document as unknown as Document, documentSchema());
}

/**
 * A Word file as the editor's JSON. Pictures the upload rule refuses (not PNG, JPEG, GIF or WebP, or
 * larger than IMAGE_MAX_BYTES), and those after the first MAX_IMPORT_IMAGES, are left out and counted.
 */
export async function docxFileToDocument(bytes: Uint8Array, rules: DocxRules): Promise<ConvertedFile> {
  const { default: mammoth } = await import("mammoth");
  // Unpacked here, within bounds, and handed to mammoth as its opened file (it never inflates anything itself).
  const entries = unpackZip(bytes, rules.unpack);
  const images: PendingImage[] = [];
  const skipped: SkippedPictures = { notAnImage: 0, tooLarge: 0, overCount: 0 };
  // A per-import nonce, so no text in the file can name a placeholder (and it passes storedImageSrc).
  const nonce = crypto.randomBytes(8).toString("hex");
  const convertImage = mammoth.images.imgElement(async (image) => {
    const data = new Uint8Array(await image.read());
    const verdict = rules.judge(data);
    if (!verdict.ok) {
      if (verdict.reason === "too_large") skipped.tooLarge++;
      else skipped.notAnImage++;
      return { src: "" };
    }
    if (images.length >= MAX_IMPORT_IMAGES) {
      skipped.overCount++;
      return { src: "" };
    }
    const src = `${IMAGE_PATH_PREFIX}pending-${nonce}-${images.length}`;
    images.push({ src, bytes: data, mime: verdict.mime });
    return { src };
  });
  let html: string;
  try {
    const input = { file: openedZip(entries) } as unknown as { buffer: Buffer };
    ({ value: html } = await mammoth.convertToHtml(input, { styleMap: MAMMOTH_STYLE_MAP, convertImage }));
  } catch {
    throw invalidInput("This Word file could not be read. Open it in Word and save it again as .docx, then import that file.", "file");
  }
  const converted = await htmlFileToDocument(`<!doctype html><html><body>${html}</body></html>`);
  return { ...converted, images, skipped };
}

/** The unpacked entries in the shape mammoth reads an opened zip through (its `file` input). */
function openedZip(entries: Map<string, Uint8Array>) {
  return {
    exists: (name: string) => entries.has(name),
    async read(name: string, encoding?: string) {
      const data = entries.get(name);
      if (!data) throw new Error(`no ${name} in the file`);
      if (encoding === "base64") return Buffer.from(data).toString("base64");
      return encoding ? new TextDecoder(encoding).decode(data) : data;
    },
    write: (name: string, contents: Uint8Array) => void entries.set(name, contents),
    toArrayBuffer: () => {
      throw new Error("not written back");
    },
  };
}
