// The browser's client for a document's version history (server/history), typed from lib/contracts/history.
import { request } from "./api";
import type { ListedDocument } from "./contracts/documents";
import type {
  CompareQueryInput,
  CompareResponse,
  CopyVersionInput,
  CreateVersionInput,
  RenameVersionInput,
  RestoreVersionResponse,
  Version,
  VersionContentResponse,
  VersionListResponse,
} from "./contracts/history";

const enc = encodeURIComponent;
const versions = (documentId: string) => `/api/documents/${enc(documentId)}/versions`;
const version = (documentId: string, versionId: string) => `${versions(documentId)}/${enc(versionId)}`;

export const historyApi = {
  /** Newest first. */
  list: (documentId: string) => request<VersionListResponse>("GET", versions(documentId)).then((r) => r.versions),
  /** The document as it was at that version (ProseMirror JSON). */
  get: (documentId: string, versionId: string) => request<VersionContentResponse>("GET", version(documentId, versionId)),
  /** Names the document as it is now. */
  name: (documentId: string, name: string) => request<Version>("POST", versions(documentId), { name } satisfies CreateVersionInput),
  /** Names, renames, or (null) clears the name of a version. */
  rename: (documentId: string, versionId: string, name: string | null) =>
    request<Version>("PATCH", version(documentId, versionId), { name } satisfies RenameVersionInput),
  remove: (documentId: string, versionId: string) => request<void>("DELETE", version(documentId, versionId)),
  compare: (documentId: string, query: CompareQueryInput) =>
    request<CompareResponse>("GET", `/api/documents/${enc(documentId)}/compare?${new URLSearchParams(query).toString()}`),
  /** Applied live to every open editor; the answer is the version kept of the text before it (undo = restore that). */
  restore: (documentId: string, versionId: string) => request<RestoreVersionResponse>("POST", `${version(documentId, versionId)}/restore`),
  /** A new document (the caller's) holding that version's text. */
  copy: (documentId: string, versionId: string, input: CopyVersionInput = {}) =>
    request<ListedDocument>("POST", `${version(documentId, versionId)}/copy`, input),
};
