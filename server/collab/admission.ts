// Who may join a document's room, decided once for every transport (the WebSocket upgrade, the HTTP
// stream): the caller's credential (cookie only from our own origin, token, or a `?link=` share link),
// their role, and the close a refused connection gets. The transports differ only in how they answer.
import type { IncomingMessage } from "node:http";
import { CloseEvents, type CollabClose } from "../../lib/collab/closeCodes";
import { ACK_PARAM } from "../../lib/collab/durableAck";
import { isSameOrigin } from "../http/origin";
import { canEdit } from "../domain/documents";
import { allows } from "../auth/scopes";
import type { Services } from "../services";
import { guestCredentialId } from "../access/linkHolds";
import { guestUser, type DocumentEntry } from "../auth/linkCredential";
import type { LiveLink } from "../domain/shareLinks";
import { DomainError } from "../domain/errors";
import type { RoomManager } from "./RoomManager";

/** What a connection registers with the access authority: its credential, and the link it came in through. */
export type EntryCredential = { credentialId: string; expiresAt: Date | null; link?: LiveLink };

/** A caller allowed into the room, with everything a peer of any transport is built from. */
export type Admitted = {
  kind: "admitted";
  documentId: string;
  /** The access epoch before authorizing: a change meanwhile makes the connection look again. */
  epoch: number;
  userId: string;
  userName: string;
  canWrite: boolean;
  /** A token without documents:write: read-only whatever its account's role becomes. */
  readOnlyToken: boolean;
  /** `?ack=1`: the client understands durable acknowledgements. */
  wantsAcks: boolean;
  credential: EntryCredential;
};

export type Admission =
  /** Answered as HTTP before the connection is accepted (a browser sees only that it failed). */
  | { kind: "refused"; status: 403 | 429 }
  /** Accepted only to be closed with a code the client reads (4401, 4403, 4404). */
  | { kind: "closed"; close: CollabClose }
  | Admitted;

export async function admit(services: Services, manager: RoomManager, req: IncomingMessage, url: URL, documentId: string): Promise<Admission> {
  const epoch = manager.accessEpoch;
  // Remembered lookups (forgotten on every access event): a reconnect storm asks the same ones many times.
  const caller = await services.auth.authenticateRecent(req, url);
  // A cookie is sent by the browser whichever site opened the connection: only our own pages may use it.
  if (caller?.via === "cookie" && !isSameOrigin(req, services.config)) return { kind: "refused", status: 403 };
  const memberRole = caller ? await services.documents.roleOfRecent(caller.user.id, documentId) : null;
  // A share link the caller carries (?link=, or the link cookie) may give more, or give a guest entry.
  let entry: DocumentEntry;
  try {
    entry = await services.links.entry(memberRole, req, documentId, url);
  } catch (err) {
    if (err instanceof DomainError && err.kind === "rate_limited") return { kind: "refused", status: 429 };
    throw err;
  }
  const role = entry.kind === "none" ? null : entry.role;
  if (!caller && entry.kind !== "link") return { kind: "closed", close: CloseEvents.Unauthorized };
  if (caller && !allows(caller, "documents:read")) return { kind: "closed", close: CloseEvents.Forbidden };
  if (!role) {
    // A former member of a deleted document learns it was deleted (even after a restart forgot the
    // event); anyone else cannot tell a deleted document from one they were never invited to.
    const trashed = caller ? await services.documents.inTrashFor(caller.user.id, documentId) : false;
    const deleted = trashed || (caller !== null && services.access.wasDeletedFor(documentId, caller.user.id));
    return { kind: "closed", close: deleted ? CloseEvents.DocumentDeleted : CloseEvents.Forbidden };
  }
  // A guest (no account, in through a link) shows as "Guest"; the link itself is the credential.
  const who = caller?.user ?? guestUser();
  const link = entry.kind === "link" ? entry.link : undefined;
  const credential: EntryCredential = caller
    ? { credentialId: caller.credentialId, expiresAt: caller.expiresAt, link }
    : { credentialId: guestCredentialId(link!.id), expiresAt: null, link };
  return {
    kind: "admitted",
    documentId,
    epoch,
    userId: who.id,
    userName: who.name,
    canWrite: canEdit(role),
    readOnlyToken: caller !== null && !allows(caller, "documents:write"),
    // Only a client that asks gets durable acknowledgements: a stock y-websocket client would log them as unknown.
    wantsAcks: url.searchParams.get(ACK_PARAM) === "1",
    credential,
  };
}

/**
 * The id of the credential a request carries for this document (a POST of the HTTP transport), or
 * null. A session or token is not looked up again: the stream's registration with the access
 * authority ends the session the moment its credential dies, so the same id is all a POST must show.
 */
export async function credentialOf(services: Services, req: IncomingMessage, url: URL, documentId: string): Promise<string | null> {
  const presented = services.auth.presented(req, url);
  if (presented) return presented.via === "cookie" && !isSameOrigin(req, services.config) ? null : services.auth.credentialId(presented.secret);
  const entry = await services.links.entry(null, req, documentId, url);
  return entry.kind === "link" ? guestCredentialId(entry.link.id) : null;
}
