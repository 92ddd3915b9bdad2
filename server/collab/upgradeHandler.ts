// The WebSocket side of collab: authenticates an upgrade to /collab/<docId> (admission.ts), accepts
// it, and hands its frames to servePeer (the same code serves the HTTP transport, httpTransport.ts).
// Refusals after the upgrade use close codes a browser can read.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocket, WebSocketServer, RawData } from "ws";
import { BUSY_PARAM, BUSY_PARAM_VALUE, busyClose, CloseEvents } from "../../lib/collab/closeCodes";
import { DocumentId } from "../../lib/contracts/ids";
import { refuseUpgrade, type UpgradeHandler } from "../http/upgrade";
import type { Services } from "../services";
import type { Heartbeat } from "./heartbeat";
import type { ReadFlow } from "./readFlow";
import type { RoomManager } from "./RoomManager";
import { WebSocketPeer } from "./WebSocketPeer";
import { admit, type Admitted } from "./admission";
import { closeAs, pinReadOnly, servePeer } from "./servePeer";

export const COLLAB_PATH_PREFIX = "/collab/";

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

  /**
   * HTTP 503 with Retry-After (load balancers, stock clients); our own client asks (`?busy=close`)
   * for the Busy close instead, the only answer a browser's WebSocket lets the page read.
   */
  function refuseBusy(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, retryAfterSeconds: number): void {
    if (url.searchParams.get(BUSY_PARAM) !== BUSY_PARAM_VALUE) {
      return refuseUpgrade(socket, 503, "Service Unavailable", { "Retry-After": String(retryAfterSeconds) });
    }
    wss.handleUpgrade(req, socket, head, (ws) => closeAs(ws, busyClose(retryAfterSeconds)));
  }

  async function authorize(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, state: { upgraded: boolean }) {
    const parsed = DocumentId.safeParse(url.pathname.slice(COLLAB_PATH_PREFIX.length));
    if (!parsed.success) return refuseUpgrade(socket, 404, "Not Found");
    if (shuttingDown) return turnAway(req, socket, head);
    // At capacity: refused before authentication or the room cost anything. The slot is held for as
    // long as the TCP socket lives, whatever happens to it below.
    const capacity = services.capacity.admit("collabSockets");
    if (capacity.kind === "busy") return refuseBusy(req, socket, head, url, capacity.retryAfterSeconds);
    socket.once("close", capacity.slot.release);
    const admission = await admit(services, manager, req, url, parsed.data);
    if (admission.kind === "refused") return refuseUpgrade(socket, admission.status, admission.status === 429 ? "Too Many Requests" : "Forbidden");
    if (socket.destroyed) return;
    if (shuttingDown) return turnAway(req, socket, head);
    wss.handleUpgrade(req, socket, head, (ws) => {
      state.upgraded = true;
      heartbeat.track(ws);
      flow.accepted(ws);
      switch (admission.kind) {
        case "closed":
          return closeAs(ws, admission.close);
        case "admitted":
          return serve(ws, socket, admission);
      }
    });
  }

  function serve(ws: WebSocket, socket: Duplex, admitted: Admitted): void {
    const peer = new WebSocketPeer(ws, socket, admitted.userId, admitted.userName, admitted.canWrite, admitted.wantsAcks);
    if (admitted.readOnlyToken) pinReadOnly(peer);
    const served = servePeer(services, manager, peer, admitted);
    ws.once("close", served.ended);
    ws.on("error", (err) => log.debug({ err, documentId: admitted.documentId }, "collab socket error")); // ws closes it itself
    ws.on("message", (data, isBinary) => {
      if (!isBinary) return closeAs(peer, CloseEvents.UnsupportedData);
      served.receive(toBytes(data));
    });
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
