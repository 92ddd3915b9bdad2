// The browser's client for share links (server/api/shareLinkRoutes.ts), typed from lib/contracts/shareLinks.
import { request } from "./api";
import type { ChangeLinkInput, CreateLinkInput, LinkRole, OpenedLink, ShareLink, ShareLinkListResponse } from "./contracts/shareLinks";

export type { LinkRole, OpenedLink, ShareLink };

const enc = encodeURIComponent;

export const shareLinksApi = {
  list: (documentId: string) => request<ShareLinkListResponse>("GET", `/api/documents/${enc(documentId)}/links`).then((r) => r.links),
  create: (documentId: string, input: CreateLinkInput) => request<ShareLink>("POST", `/api/documents/${enc(documentId)}/links`, input),
  changeRole: (documentId: string, linkId: string, role: LinkRole) =>
    request<ShareLink>("PATCH", `/api/documents/${enc(documentId)}/links/${enc(linkId)}`, { role } satisfies ChangeLinkInput),
  revoke: (documentId: string, linkId: string) => request<void>("DELETE", `/api/documents/${enc(documentId)}/links/${enc(linkId)}`),
  open: (token: string) => request<OpenedLink>("POST", "/api/links/open", { token }),
};
