// The browser's client for invitations (server/api/invitationRoutes.ts), typed from lib/contracts/invitations.
// Creating one is api.addMember with an email that has no account.
import { request } from "./api";
import type { AcceptedInvitation, InvitationCreated, InvitationListResponse, InvitationView, PendingInvitation } from "./contracts/invitations";

export type { InvitationCreated, InvitationView, PendingInvitation };

const enc = encodeURIComponent;

export const invitationsApi = {
  list: (documentId: string) => request<InvitationListResponse>("GET", `/api/documents/${enc(documentId)}/invitations`).then((r) => r.invitations),
  resend: (documentId: string, id: string) => request<InvitationCreated>("POST", `/api/documents/${enc(documentId)}/invitations/${enc(id)}/resend`),
  cancel: (documentId: string, id: string) => request<void>("DELETE", `/api/documents/${enc(documentId)}/invitations/${enc(id)}`),
  view: (token: string) => request<InvitationView>("GET", `/api/invitations/${enc(token)}`),
  accept: (token: string) => request<AcceptedInvitation>("POST", `/api/invitations/${enc(token)}/accept`),
};
