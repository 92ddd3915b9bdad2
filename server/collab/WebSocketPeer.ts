// A `ws` socket seen as a Room peer. Sending never throws: a dead or hopelessly slow socket is closed instead.
import { WebSocket } from "ws";
import { CloseCode } from "../../lib/collab/closeCodes";
import { MAX_BUFFERED_BYTES } from "./limits";
import type { Peer } from "./peer";

/** Close reasons are limited to 123 bytes by the protocol; ws throws on longer ones. */
function shortReason(reason: string): string {
  return Buffer.byteLength(reason) <= 123 ? reason : Buffer.from(reason).subarray(0, 120).toString("utf8");
}

export class WebSocketPeer implements Peer {
  constructor(
    private readonly ws: WebSocket,
    readonly userId: string,
    readonly userName: string,
    public canWrite: boolean,
  ) {}

  send(message: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CloseCode.TryAgainLater, "Connection too slow; reconnecting.");
      return;
    }
    this.ws.send(message, { binary: true }, () => {}); // errors surface as a 'close' event
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(code, shortReason(reason));
    }
  }
}
