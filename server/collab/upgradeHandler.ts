// The WebSocket side of collab: authenticates an upgrade to /collab/<docId>, accepts it, and hands
// frames to the document's Room. Refusals after the upgrade use close codes a browser can read.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, type WebSocketServer, type RawData } from "ws";
import { z } from "zod";
import { CloseCode } from "../../lib/collab/closeCodes";
import { isSameOrigin } from "../http/origin";
import { refuseUpgrade, type UpgradeHandler } from "../http/upgrade";
import { canEdit } from "../domain/documents";
import type { Services } from "../services";
import type { LiveCredentials } from "../auth/liveCredentials";
import { MAX_FRAMES_BEFORE_READY } from "./limits";
import type { Heartbeat } from "./heartbeat";
import type { ReadFlow } from "./readFlow";
import type { RoomManager } from "./RoomManager";
import type { Room } from "./Room";
import { WebSocketPeer } from "./WebSocketPeer";

export const COLLAB_PATH_PREFIX = "/collab/";

/** Document ids are UUIDs today; accept any short URL-safe id, nothing else. */
const DocumentIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

function toBytes(data: RawData): Uint8Array {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export function createUpgradeHandler(
  services: Services,
  wss: WebSocketServer,
  manager: RoomManager,
  heartbeat: Heartbeat,
  flow: ReadFlow,
  live: LiveCredentials<WebSocketPeer>,
): UpgradeHandler {
  const { log } = services;

  async function authorize(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, state: { upgraded: boolean }) {
    const parsed = DocumentIdParam.safeParse(url.pathname.slice(COLLAB_PATH_PREFIX.length));
    if (!parsed.success) return refuseUpgrade(socket, 404, "Not Found");
    const documentId = parsed.data;
    const epoch = manager.accessEpoch;
    const caller = await services.auth.authenticate(req, url);
    // A cookie is sent by the browser whichever site opened the socket: only our own pages may use it.
    if (caller?.via === "cookie" && !isSameOrigin(req, services.config)) return refuseUpgrade(socket, 403, "Forbidden");
    const role = caller ? await services.documents.roleOf(caller.user.id, documentId) : null;
    if (socket.destroyed) return;
    wss.handleUpgrade(req, socket, head, (ws) => {
      state.upgraded = true;
      heartbeat.track(ws);
      flow.accepted(ws);
      if (!caller) return ws.close(CloseCode.Unauthorized, "Sign in to open this document.");
      if (!role) return ws.close(CloseCode.Forbidden, "You do not have access to this document.");
      const peer = new WebSocketPeer(ws, socket, caller.user.id, caller.user.name, canEdit(role));
      ws.once("close", live.track(caller.credentialId, peer)); // signing out ends this socket too
      serve(ws, documentId, peer, epoch).catch((err) => {
        log.error({ err, documentId }, "collab connection failed");
        peer.close(CloseCode.InternalError, "The document could not be opened.");
      });
    });
  }

  async function serve(ws: WebSocket, documentId: string, peer: WebSocketPeer, epoch: number): Promise<void> {
    let room: Room | null = null;
    let gone = false;
    const early: Uint8Array[] = []; // frames that arrive while the room loads
    ws.on("error", (err) => log.debug({ err, documentId }, "collab socket error")); // ws closes it itself
    ws.on("message", (data, isBinary) => {
      if (!isBinary) return peer.close(CloseCode.UnsupportedData, "Binary y-websocket frames only.");
      const bytes = toBytes(data);
      if (room) room.handleMessage(peer, bytes);
      else if (early.length < MAX_FRAMES_BEFORE_READY) early.push(bytes);
      else peer.close(CloseCode.TryAgainLater, "Too many messages before the document loaded.");
    });
    ws.on("close", () => {
      gone = true;
      room?.leave(peer);
    });
    let joined: Room | null;
    try {
      joined = await manager.connect(documentId, peer);
    } catch (err) {
      log.error({ err, documentId }, "collab room failed to open");
      return peer.close(CloseCode.InternalError, "The document could not be opened.");
    }
    if (!joined) {
      return manager.closed
        ? peer.close(CloseCode.GoingAway, "The server is restarting.")
        : peer.close(CloseCode.DocumentDeleted, "This document was deleted.");
    }
    // Access changed while we were authorizing: the event passed this connection by, so look again
    // (its frames keep waiting in `early` meanwhile).
    if (manager.accessEpoch !== epoch && !(await stillAllowed(joined, documentId, peer))) return;
    if (gone) return joined.leave(peer);
    room = joined;
    for (const frame of early.splice(0)) room.handleMessage(peer, frame);
  }

  async function stillAllowed(room: Room, documentId: string, peer: WebSocketPeer): Promise<boolean> {
    const role = await services.documents.roleOf(peer.userId, documentId);
    if (!role) {
      room.disconnect(peer, CloseCode.Forbidden, "Your access to this document was removed.");
      return false;
    }
    if (canEdit(role) !== peer.canWrite) {
      peer.canWrite = canEdit(role);
      room.disconnect(peer, CloseCode.AccessChanged, "Your access to this document changed.");
      return false;
    }
    return true;
  }

  return (req, socket, head, url) => {
    const state = { upgraded: false };
    const onSocketError = () => socket.destroy();
    socket.on("error", onSocketError); // a reset during authentication must not crash the process
    authorize(req, socket, head, url, state)
      .catch((err) => {
        log.error({ err }, "collab upgrade failed");
        if (!state.upgraded) refuseUpgrade(socket, 500, "Internal Server Error");
      })
      .finally(() => socket.off("error", onSocketError));
  };
}
