// Where a document's download comes from. Its own module, so the download menu does not pull the
// importer into every page that shows the menu.
import type { ExportFormat } from "./contracts/importExport";

export function exportUrl(documentId: string, format: ExportFormat): string {
  return `/api/documents/${encodeURIComponent(documentId)}/export?format=${format}`;
}

/** The page and the sub-pages the caller can open, as one .zip of Markdown files in folders. */
export function pageArchiveUrl(documentId: string): string {
  return `/api/documents/${encodeURIComponent(documentId)}/export-pages`;
}
