// The WebSocket side of collab: authenticates an upgrade to /collab/<docId>, accepts it, and hands
// frames to the document's Room. Refusals after the upgrade use close codes a browser can read.
// Each accepted socket is registered with the access authority (server/access/liveAccess.ts), which
// ends it when its credential does (sign-out, revoked token, expiry), the membership is removed or the
// document is deleted, and hands it a changed role.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocket, WebSocketServer, RawData } from "ws";
import { CloseEvents, type CollabClose } from "../../lib/collab/closeCodes";
import { DocumentId } from "../../lib/contracts/ids";
import { ACK_PARAM } from "../../lib/collab/durableAck";
import { isSameOrigin } from "../http/origin";
import { refuseUpgrade, type UpgradeHandler } from "../http/upgrade";
import { canEdit } from "../domain/documents";
import { allows } from "../auth/scopes";
import type { Services } from "../services";
import { guestCredentialId } from "../access/linkHolds";
import { guestUser, type DocumentEntry } from "../auth/linkCredential";
import type { LiveLink } from "../domain/shareLinks";
import { collabClose } from "../access/endReasons";
import { MAX_BYTES_BEFORE_READY, MAX_FRAMES_BEFORE_READY } from "./limits";
import type { Heartbeat } from "./heartbeat";
import type { ReadFlow } from "./readFlow";
import type { RoomManager } from "./RoomManager";
import type { Room } from "./Room";
import { WebSocketPeer } from "./WebSocketPeer";
import { DomainError } from "../domain/errors";
import { closeFor } from "./errorClose";

export const COLLAB_PATH_PREFIX = "/collab/";

/** What a connection registers with the access authority: its credential, and the link it came in through. */
type EntryCredential = { credentialId: string; expiresAt: Date | null; link?: LiveLink };

/** A connection's lifecycle once upgraded: frames wait while the room loads, then go to the room. */
type Lifecycle = { kind: "loading"; early: Uint8Array[]; earlyBytes: number } | { kind: "joined"; room: Room } | { kind: "closed" };

/** Close a socket (or a peer) with an entry of the close table: code and reason come as a pair. */
function closeAs(target: { close(code: number, reason: string): void }, { code, reason }: CollabClose): void {
  target.close(code, reason);
}

function toBytes(data: RawData): Uint8Array {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export type CollabUpgrades = {
  handle: UpgradeHandler;
  /** Shutdown began: upgrades still arriving are told 1001 "restarting" instead of being dropped. */
  shutDown(): void;
};

export function createUpgradeHandler(services: Services, wss: WebSocketServer, manager: RoomManager, heartbeat: Heartbeat, flow: ReadFlow): CollabUpgrades {
  const { log } = services;
  let shuttingDown = false;

  /**
   * Completes the upgrade only to say "restarting" (1001, the client reconnects, to another instance
   * in the hosted mode): a browser cannot read an HTTP status, only a close code. Once the WebSocket
   * server itself is closed, ws answers HTTP 503 instead.
   */
  function turnAway(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (socket.destroyed) return;
    wss.handleUpgrade(req, socket, head, (ws) => closeAs(ws, CloseEvents.GoingAway));
  }

  async function authorize(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, state: { upgraded: boolean }) {
    const parsed = DocumentId.safeParse(url.pathname.slice(COLLAB_PATH_PREFIX.length));
    if (!parsed.success) return refuseUpgrade(socket, 404, "Not Found");
    if (shuttingDown) return turnAway(req, socket, head);
    const documentId = parsed.data;
    const epoch = manager.accessEpoch;
    // Remembered lookups (forgotten on every access event): a reconnect storm asks the same ones many times.
    const caller = await services.auth.authenticateRecent(req, url);
    // A cookie is sent by the browser whichever site opened the socket: only our own pages may use it.
    if (caller?.via === "cookie" && !isSameOrigin(req, services.config)) return refuseUpgrade(socket, 403, "Forbidden");
    const memberRole = caller ? await services.documents.roleOfRecent(caller.user.id, documentId) : null;
    // A share link the caller carries (?link=, or the link cookie) may give more, or give a guest entry.
    let entry: DocumentEntry;
    try {
      entry = await services.links.entry(memberRole, req, documentId, url);
    } catch (err) {
      if (err instanceof DomainError && err.kind === "rate_limited") return refuseUpgrade(socket, 429, "Too Many Requests");
      throw err;
    }
    const role = entry.kind === "none" ? null : entry.role;
    // A member of a trashed document is told it was deleted, even after a restart forgot the event.
    const trashed = caller && !role ? await services.documents.inTrashFor(caller.user.id, documentId) : false;
    if (socket.destroyed) return;
    if (shuttingDown) return turnAway(req, socket, head);
    wss.handleUpgrade(req, socket, head, (ws) => {
      state.upgraded = true;
      heartbeat.track(ws);
      flow.accepted(ws);
      if (!caller && entry.kind !== "link") return closeAs(ws, CloseEvents.Unauthorized);
      if (caller && !allows(caller, "documents:read")) return closeAs(ws, CloseEvents.Forbidden);
      if (!role) {
        // A former member of a deleted document learns it was deleted; anyone else cannot tell a
        // deleted document from one they were never invited to.
        return trashed || (caller && services.access.wasDeletedFor(documentId, caller.user.id))
          ? closeAs(ws, CloseEvents.DocumentDeleted)
          : closeAs(ws, CloseEvents.Forbidden);
      }
      // Only a client that asks gets durable acknowledgements: a stock y-websocket client would log them as unknown.
      const wantsAcks = url.searchParams.get(ACK_PARAM) === "1";
      // A guest (no account, in through a link) shows as "Guest"; the link itself is the credential.
      const who = caller?.user ?? guestUser();
      const peer = new WebSocketPeer(ws, socket, who.id, who.name, canEdit(role), wantsAcks);
      // A token without documents:write stays read-only whatever its account's role becomes: every
      // later `peer.canWrite = …` (role changes, re-checks) is ignored for it.
      if (caller && !allows(caller, "documents:write")) Object.defineProperty(peer, "canWrite", { get: () => false, set: () => {} });
      const link = entry.kind === "link" ? entry.link : undefined;
      const credential: EntryCredential = caller
        ? { credentialId: caller.credentialId, expiresAt: caller.expiresAt, link }
        : { credentialId: guestCredentialId(link!.id), expiresAt: null, link };
      serve(ws, documentId, peer, epoch, credential).catch((err) => {
        // A refusal from the domain closes with its kind's code; anything else is ours, and logged.
        if (!(err instanceof DomainError)) log.error({ err, documentId }, "collab connection failed");
        closeAs(peer, closeFor(err));
      });
    });
  }

  async function serve(ws: WebSocket, documentId: string, peer: WebSocketPeer, epoch: number, caller: EntryCredential): Promise<void> {
    // Held in an object: it changes in the socket's callbacks while this function awaits.
    const conn: { state: Lifecycle } = { state: { kind: "loading", early: [], earlyBytes: 0 } };
    // In the room: leave it at once (no frame of ours is handled meanwhile); still loading: just close.
    const closeWith = ({ code, reason }: CollabClose) =>
      conn.state.kind === "joined" ? conn.state.room.disconnect(peer, code, reason) : peer.close(code, reason);
    const access = services.access.register({
      credentialId: caller.credentialId,
      userId: peer.userId,
      documentId,
      expiresAt: caller.expiresAt,
      link: caller.link,
      connection: {
        end(reason) {
          closeWith(collabClose(reason));
        },
        // Write access changes at once (frames in flight are judged by the new role), then the client
        // reconnects (4300) and learns its new role.
        changeRole(role) {
          const canWrite = canEdit(role);
          if (peer.canWrite === canWrite) return;
          peer.canWrite = canWrite;
          closeWith(CloseEvents.AccessChanged);
        },
      },
    });
    ws.once("close", access.release);
    ws.on("error", (err) => log.debug({ err, documentId }, "collab socket error")); // ws closes it itself
    ws.on("message", (data, isBinary) => {
      if (!isBinary) return closeAs(peer, CloseEvents.UnsupportedData);
      // Ended by the authority (its close is under way) or past its credential's expiry: never applied.
      if (!access.allows()) return;
      const bytes = toBytes(data);
      const state = conn.state;
      switch (state.kind) {
        case "joined":
          return state.room.handleMessage(peer, bytes);
        case "loading":
          if (state.early.length >= MAX_FRAMES_BEFORE_READY || state.earlyBytes + bytes.byteLength > MAX_BYTES_BEFORE_READY) {
            return closeAs(peer, CloseEvents.TryAgainLater);
          }
          state.early.push(bytes);
          state.earlyBytes += bytes.byteLength;
          return;
        case "closed":
          return;
      }
    });
    ws.on("close", () => {
      const was = conn.state;
      conn.state = { kind: "closed" };
      if (was.kind === "joined") was.room.leave(peer);
    });
    let joined: Room | null;
    try {
      joined = await manager.connect(documentId, peer);
    } catch (err) {
      if (!(err instanceof DomainError)) log.error({ err, documentId }, "collab room failed to open");
      return closeAs(peer, closeFor(err));
    }
    if (!joined) {
      return closeAs(peer, manager.closed ? CloseEvents.GoingAway : CloseEvents.DocumentDeleted);
    }
    // Access changed while we were authorizing: the event passed this connection by, so look again
    // (its frames keep waiting in `early` meanwhile).
    if (manager.accessEpoch !== epoch && !(await stillAllowed(joined, documentId, peer, caller.link))) return;
    const state = conn.state;
    switch (state.kind) {
      case "loading":
        if (!access.allows()) break; // ended while the room loaded: its close is under way
        conn.state = { kind: "joined", room: joined };
        for (const frame of state.early) joined.handleMessage(peer, frame);
        return;
      case "closed":
        break;
      case "joined":
        throw new Error("a collab connection joined its room twice");
    }
    conn.state = { kind: "closed" };
    joined.leave(peer);
  }

  async function stillAllowed(room: Room, documentId: string, peer: WebSocketPeer, link: LiveLink | undefined): Promise<boolean> {
    const role = link ? (await services.shareLinks.liveIds([link.id])).get(link.id)?.role : await services.documents.roleOf(peer.userId, documentId);
    if (!role) {
      room.disconnect(peer, CloseEvents.Forbidden.code, CloseEvents.Forbidden.reason);
      return false;
    }
    if (canEdit(role) !== peer.canWrite) {
      peer.canWrite = canEdit(role);
      room.disconnect(peer, CloseEvents.AccessChanged.code, CloseEvents.AccessChanged.reason);
      return false;
    }
    return true;
  }

  return {
    handle(req, socket, head, url) {
      const state = { upgraded: false };
      const onSocketError = () => socket.destroy();
      socket.on("error", onSocketError); // a reset during authentication must not crash the process
      authorize(req, socket, head, url, state)
        .catch((err) => {
          if (state.upgraded) return log.error({ err }, "collab upgrade failed");
          // During shutdown the database may already be going away: that is a restart, not an error.
          if (shuttingDown) return turnAway(req, socket, head);
          log.error({ err }, "collab upgrade failed");
          refuseUpgrade(socket, 500, "Internal Server Error");
        })
        .finally(() => socket.off("error", onSocketError));
    },
    shutDown() {
      shuttingDown = true;
    },
  };
}
