// HTML and Word files read on the server: linkedom gives the HTML a DOM, and the shared converter
// (lib/exchange/htmlToDocument.ts, the browser's too) makes it the editor's JSON. A Word file goes
// through mammoth to HTML first; its pictures are kept aside as bytes under placeholder paths, which
// the import swaps for stored images once the new document exists (server/exchange/exchange.ts).
import crypto from "node:crypto";
import { elementDepth, htmlToDocument, type HtmlImport } from "../../lib/exchange/htmlToDocument";
import { MAMMOTH_STYLE_MAP } from "../../lib/exchange/docxStyles";
import { IMAGE_PATH_PREFIX, type ImageType } from "../../lib/contracts/images";
import { sniffImageType } from "../domain/imageType";
import { invalidInput } from "../domain/errors";
import { documentSchema } from "./schema";

/** A picture from a Word file, waiting for its document: `src` is where the converted document points. */
export type PendingImage = { src: string; bytes: Uint8Array<ArrayBuffer>; mime: ImageType };

export type ConvertedFile = HtmlImport & { images: PendingImage[] };

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
 * A Word file as the editor's JSON. Pictures that are not PNG, JPEG, GIF or WebP, are larger than
 * `imageMaxBytes`, or come after the first MAX_IMPORT_IMAGES are left out (as an upload would refuse them).
 */
export async function docxFileToDocument(bytes: Uint8Array, imageMaxBytes: number): Promise<ConvertedFile> {
  const { default: mammoth } = await import("mammoth");
  const images: PendingImage[] = [];
  // A per-import nonce, so no text in the file can name a placeholder (and it passes storedImageSrc).
  const nonce = crypto.randomBytes(8).toString("hex");
  const convertImage = mammoth.images.imgElement(async (image) => {
    const data = new Uint8Array(await image.read());
    const mime = sniffImageType(data);
    if (!mime || data.length > imageMaxBytes || images.length >= MAX_IMPORT_IMAGES) return { src: "" };
    const src = `${IMAGE_PATH_PREFIX}pending-${nonce}-${images.length}`;
    images.push({ src, bytes: data, mime });
    return { src };
  });
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { styleMap: MAMMOTH_STYLE_MAP, convertImage }));
  } catch {
    throw invalidInput("This Word file could not be read. Open it in Word and save it again as .docx, then import that file.", "file");
  }
  const converted = await htmlFileToDocument(`<!doctype html><html><body>${html}</body></html>`);
  return { ...converted, images };
}
