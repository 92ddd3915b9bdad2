// Serving one admitted peer, whatever carries its frames (a WebSocket, an SSE stream with POSTs): it is
// registered with the access authority (server/access/liveAccess.ts), which ends it with its
// credential and hands it role changes; its frames wait while the room loads, then go to the room.
// A transport only calls `receive` for each frame and `ended` once when its connection is gone.
import { CloseEvents, type CollabClose } from "../../lib/collab/closeCodes";
import { canEdit } from "../domain/documents";
import type { Services } from "../services";
import { collabClose } from "../access/endReasons";
import { DomainError } from "../domain/errors";
import { MAX_BYTES_BEFORE_READY, MAX_FRAMES_BEFORE_READY } from "./limits";
import type { RoomManager } from "./RoomManager";
import type { Room } from "./Room";
import type { Peer } from "./peer";
import type { Admitted } from "./admission";
import { closeFor } from "./errorClose";

/** A connection's lifecycle once accepted: frames wait while the room loads, then go to the room. */
type Lifecycle = { kind: "loading"; early: Uint8Array[]; earlyBytes: number } | { kind: "joined"; room: Room } | { kind: "closed" };

export type ServedPeer = {
  /** One frame from the client. Ignored once the authority ended the connection or it closed. */
  receive(frame: Uint8Array): void;
  /** The transport's connection is gone (idempotent): leave the room, release the registration. */
  ended(): void;
};

/** Close a peer with an entry of the close table: code and reason come as a pair. */
export function closeAs(target: { close(code: number, reason: string): void }, { code, reason }: CollabClose): void {
  target.close(code, reason);
}

/** A token without documents:write stays read-only: every later `peer.canWrite = …` is ignored for it. */
export function pinReadOnly(peer: Peer): void {
  Object.defineProperty(peer, "canWrite", { get: () => false, set: () => {} });
}

export function servePeer(services: Services, manager: RoomManager, peer: Peer, admitted: Admitted): ServedPeer {
  const { log } = services;
  const { documentId, credential } = admitted;
  // Held in an object: it changes in the transport's callbacks while the join awaits.
  const conn: { state: Lifecycle } = { state: { kind: "loading", early: [], earlyBytes: 0 } };
  // In the room: leave it at once (no frame of ours is handled meanwhile); still loading: just close.
  const closeWith = ({ code, reason }: CollabClose) =>
    conn.state.kind === "joined" ? conn.state.room.disconnect(peer, code, reason) : peer.close(code, reason);
  const access = services.access.register({
    credentialId: credential.credentialId,
    userId: peer.userId,
    documentId,
    expiresAt: credential.expiresAt,
    link: credential.link,
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

  async function join(): Promise<void> {
    let joined: Room | null;
    try {
      joined = await manager.connect(documentId, peer);
    } catch (err) {
      if (!(err instanceof DomainError)) log.error({ err, documentId }, "collab room failed to open");
      return closeAs(peer, closeFor(err));
    }
    if (!joined) return closeAs(peer, manager.closed ? CloseEvents.GoingAway : CloseEvents.DocumentDeleted);
    // Access changed while we were authorizing: the event passed this connection by, so look again
    // (its frames keep waiting in `early` meanwhile).
    if (manager.accessEpoch !== admitted.epoch && !(await stillAllowed(joined))) return;
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

  async function stillAllowed(room: Room): Promise<boolean> {
    const link = credential.link;
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

  join().catch((err) => {
    // A refusal from the domain closes with its kind's code; anything else is ours, and logged.
    if (!(err instanceof DomainError)) log.error({ err, documentId }, "collab connection failed");
    closeAs(peer, closeFor(err));
  });

  let released = false;
  return {
    receive(frame) {
      // Ended by the authority (its close is under way) or past its credential's expiry: never applied.
      if (!access.allows()) return;
      const state = conn.state;
      switch (state.kind) {
        case "joined":
          return state.room.handleMessage(peer, frame);
        case "loading":
          if (state.early.length >= MAX_FRAMES_BEFORE_READY || state.earlyBytes + frame.byteLength > MAX_BYTES_BEFORE_READY) {
            return closeAs(peer, CloseEvents.TryAgainLater);
          }
          state.early.push(frame);
          state.earlyBytes += frame.byteLength;
          return;
        case "closed":
          return;
      }
    },
    ended() {
      if (released) return;
      released = true;
      const was = conn.state;
      conn.state = { kind: "closed" };
      access.release();
      if (was.kind === "joined") was.room.leave(peer);
    },
  };
}
