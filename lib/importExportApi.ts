// The browser's side of import and export (contract: lib/contracts/importExport.ts). Every file goes
// to the server as it is (multipart, field `file`), which reads Markdown, HTML and Word files the one
// way scripts' uploads are read too (server/exchange/htmlFile.ts): a Word file's pictures become the
// new document's stored images there, and nothing large (mammoth) is loaded into the page.
import { request } from "./api";
import type { ListedDocument } from "./contracts/documents";
import { type ImportResponse, importKindOf, type SkippedPictures } from "./contracts/importExport";

export { exportUrl } from "./exportUrl";

const UNSUPPORTED_FILE = "Tandem imports Markdown (.md, .markdown, .txt), HTML (.html) and Word (.docx) files.";

/** One file → the upload, or a reason it cannot be imported (checked here too, so nothing is sent for it). */
export function importFormFor(file: File): FormData {
  if (!importKindOf(file.name)) throw new Error(UNSUPPORTED_FILE);
  const form = new FormData();
  form.append("file", file, file.name);
  return form;
}

/** What the import says of a file's pictures it left out, in plain words; null when none were. */
export function skippedPicturesNote(skipped: SkippedPictures | undefined): string | null {
  if (!skipped) return null;
  const count = (n: number) => `${n} picture${n === 1 ? "" : "s"}`;
  const parts = [
    skipped.notAnImage > 0 && `${count(skipped.notAnImage)} not PNG, JPEG, GIF or WebP`,
    skipped.tooLarge > 0 && `${count(skipped.tooLarge)} over the image size limit`,
    skipped.overCount > 0 && `${count(skipped.overCount)} past the most one file may bring`,
  ].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? `Left out: ${parts.join(", ")}.` : null;
}

export async function importFile(file: File): Promise<{ doc: ListedDocument; note: string | null }> {
  const { skippedPictures, ...doc } = await request<ImportResponse>("POST", "/api/documents/import", importFormFor(file));
  return { doc, note: skippedPicturesNote(skippedPictures) };
}
