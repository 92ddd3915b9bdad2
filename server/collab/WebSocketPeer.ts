// A `ws` socket seen as a Room peer. Sending never throws: a dead or hopelessly slow socket is closed instead.
import type { Duplex } from "node:stream";
import { WebSocket } from "ws";
import { CloseEvents } from "../../lib/collab/closeCodes";
import { MAX_BUFFERED_BYTES } from "./limits";
import type { Peer } from "./peer";

/** Close reasons are limited to 123 bytes by the protocol; ws throws on longer ones. */
function shortReason(reason: string): string {
  return Buffer.byteLength(reason) <= 123 ? reason : Buffer.from(reason).subarray(0, 120).toString("utf8");
}

/*
 * Write coalescing. Every frame used to be its own write system call, and under load those calls were
 * the largest single cost of a broadcast (the bench profile: a third of the server's busy time in
 * writev). A peer's socket is now corked at its first frame of an event-loop turn and uncorked right
 * after the turn's I/O callbacks (setImmediate), so all frames it got meanwhile leave in one writev.
 * Nothing waits for a timer: an idle server flushes within the same loop iteration, and the busier
 * the server, the more frames each system call carries.
 */
const corkedPeers = new Set<WebSocketPeer>();
let flushScheduled = false;

function flushCorkedPeers(): void {
  flushScheduled = false;
  for (const peer of corkedPeers) peer.uncork();
  corkedPeers.clear();
}

/** Whether this connection's frames are read: paused (over its budget) until a timer resumes it. */
type Reading = { state: "flowing" } | { state: "paused"; until: number; resume: NodeJS.Timeout };

export class WebSocketPeer implements Peer {
  private corked = false;
  private reading: Reading = { state: "flowing" };

  constructor(
    private readonly ws: WebSocket,
    /** The upgraded TCP (or TLS) socket under `ws`, corked to batch writes. */
    private readonly socket: Duplex,
    readonly userId: string,
    readonly userName: string,
    public canWrite: boolean,
    /** `?ack=1` on the collab URL: this client understands durable acknowledgements. */
    readonly wantsAcks = false,
  ) {}

  send(message: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CloseEvents.TryAgainLater.code, CloseEvents.TryAgainLater.reason);
      return;
    }
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      corkedPeers.add(this);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flushCorkedPeers);
      }
    }
    this.ws.send(message, { binary: true }); // no callback: a failed write surfaces as the socket closing
  }

  /** Writes what was sent this turn (called once per turn by the flush above). */
  uncork(): void {
    if (!this.corked) return;
    this.corked = false;
    this.socket.uncork();
  }

  /**
   * Over budget: frames stay in the kernel's buffers (and the sender's) until the budget refilled.
   * The disk's backpressure (ReadFlow) may resume the socket early; the next frame pauses it again.
   */
  pauseReading(ms: number): void {
    const until = performance.now() + ms;
    if (this.reading.state === "paused") {
      if (until <= this.reading.until) return; // already paused at least that long
      clearTimeout(this.reading.resume);
    }
    this.ws.pause();
    const resume = setTimeout(() => {
      this.reading = { state: "flowing" };
      if (this.ws.readyState === WebSocket.OPEN) this.ws.resume();
    }, ms);
    resume.unref();
    this.reading = { state: "paused", until, resume };
  }

  close(code: number, reason: string): void {
    if (this.reading.state === "paused") clearTimeout(this.reading.resume);
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(code, shortReason(reason));
    }
  }
}
