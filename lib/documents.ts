// The document shapes every layer shares (API responses, socket.io events, bus events), typed once:
// derived from the HTTP contract's schemas (lib/contracts/documents.ts).
export type { DocumentSummary, ListedDocument, Role } from "./contracts/documents";
