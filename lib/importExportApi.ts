// The browser's side of import and export (contract: lib/contracts/importExport.ts). Every file goes
// to the server as it is (multipart, field `file`), which reads Markdown, HTML and Word files the one
// way scripts' uploads are read too (server/exchange/htmlFile.ts): a Word file's pictures become the
// new document's stored images there, and nothing large (mammoth) is loaded into the page.
import { request } from "./api";
import type { ListedDocument } from "./contracts/documents";
import { importKindOf } from "./contracts/importExport";

export { exportUrl } from "./exportUrl";

const UNSUPPORTED_FILE = "Tandem imports Markdown (.md, .markdown, .txt), HTML (.html) and Word (.docx) files.";

/** One file → the upload, or a reason it cannot be imported (checked here too, so nothing is sent for it). */
export function importFormFor(file: File): FormData {
  if (!importKindOf(file.name)) throw new Error(UNSUPPORTED_FILE);
  const form = new FormData();
  form.append("file", file, file.name);
  return form;
}

export async function importFile(file: File): Promise<ListedDocument> {
  return request<ListedDocument>("POST", "/api/documents/import", importFormFor(file));
}
