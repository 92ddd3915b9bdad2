// A Room peer whose frames go down an SSE stream (the HTTP transport, httpTransport.ts). Each frame is
// one event with id `<session>.<seq>`; the last frames stay in a small ring, so a stream that drops
// and comes back with Last-Event-ID gets what it missed instead of a full resync. While a POST is
// being handled, frames the room answers it with go back in the POST's response instead.
import type { ServerResponse } from "node:http";
import { CLOSE_EVENT, SESSION_EVENT, toBase64, type StreamClose } from "../../lib/collab/httpFrames";
import { MAX_BUFFERED_BYTES } from "./limits";
import { CloseEvents } from "../../lib/collab/closeCodes";
import type { Peer } from "./peer";

/** Frames kept for a resume, and their bytes (whichever is reached first drops the oldest). */
export const RING_FRAMES = 512;
export const RING_BYTES = 2 * 1024 * 1024;

/** The session's stream: open, gone for now (it may come back within the grace period), or ended for good. */
type StreamState = { kind: "attached"; res: ServerResponse } | { kind: "detached"; expiry: NodeJS.Timeout } | { kind: "closed"; close: StreamClose };

type RingEntry = { seq: number; chunk: string };

export type HttpPeerOptions = {
  /** How long a session outlives its stream (a reconnect within it resumes). */
  graceMs: number;
  /** Called once when the session ends for good (closed, or its stream did not come back). */
  onEnded: () => void;
};

export class HttpPeer implements Peer {
  private seq = 0;
  private readonly ring: RingEntry[] = [];
  private ringBytes = 0;
  private stream: StreamState;
  private replies: Uint8Array[] | null = null;
  /** Over its frame budget: the next POST waits until then (the HTTP way to stop reading a sender). */
  pausedUntil = 0;

  constructor(
    readonly sessionId: string,
    readonly userId: string,
    readonly userName: string,
    public canWrite: boolean,
    readonly wantsAcks: boolean,
    /** Who may POST for this session and resume it: the stream's own credential. */
    readonly credentialId: string,
    readonly documentId: string,
    res: ServerResponse,
    private readonly options: HttpPeerOptions,
  ) {
    this.stream = { kind: "attached", res };
    res.write(`event: ${SESSION_EVENT}\ndata: ${JSON.stringify({ id: sessionId })}\n\n`);
  }

  get isClosed(): boolean {
    return this.stream.kind === "closed";
  }

  send(message: Uint8Array): void {
    if (this.stream.kind === "closed") return;
    if (this.replies) {
      this.replies.push(message);
      return;
    }
    const seq = ++this.seq;
    const chunk = `id: ${this.sessionId}.${seq}\ndata: ${toBase64(message)}\n\n`;
    this.remember({ seq, chunk });
    if (this.stream.kind === "attached") this.write(this.stream.res, chunk);
  }

  close(code: number, reason: string): void {
    const was = this.stream;
    if (was.kind === "closed") return;
    this.stream = { kind: "closed", close: { code, reason } };
    switch (was.kind) {
      case "attached":
        // Named before the end, so the client acts on it as on the WebSocket's close code.
        was.res.end(`event: ${CLOSE_EVENT}\ndata: ${JSON.stringify({ code, reason })}\n\n`);
        break;
      case "detached":
        clearTimeout(was.expiry);
        break;
    }
    this.ring.length = 0;
    this.options.onEnded();
  }

  /** Runs `handle` (a POST's frames) and returns the frames the room sent this peer meanwhile. */
  collectReplies(handle: () => void): Uint8Array[] {
    const replies: Uint8Array[] = [];
    this.replies = replies;
    try {
      handle();
    } finally {
      this.replies = null;
    }
    return replies;
  }

  /**
   * A stream came back with the id of the last event it got: replays what it missed. False (and
   * nothing changes) when that is no longer in the ring; the caller starts a fresh session.
   */
  resume(res: ServerResponse, lastSeq: number): boolean {
    if (this.stream.kind === "closed" || lastSeq > this.seq) return false;
    const missed = this.ring.filter((e) => e.seq > lastSeq);
    const complete = lastSeq === this.seq || (missed.length > 0 && missed[0].seq === lastSeq + 1);
    if (!complete) return false;
    if (this.stream.kind === "detached") clearTimeout(this.stream.expiry);
    // A second stream for the same session (the old one not yet noticed as gone) replaces it.
    if (this.stream.kind === "attached") this.stream.res.end();
    this.stream = { kind: "attached", res };
    res.write(`event: ${SESSION_EVENT}\ndata: ${JSON.stringify({ id: this.sessionId })}\n\n`);
    for (const entry of missed) this.write(res, entry.chunk);
    return true;
  }

  /** The stream `res` went away: the session waits for it to come back, then ends. */
  detach(res: ServerResponse): void {
    if (this.stream.kind !== "attached" || this.stream.res !== res) return;
    const expiry = setTimeout(() => this.close(CloseEvents.GoingAway.code, "The stream did not come back."), this.options.graceMs);
    expiry.unref();
    this.stream = { kind: "detached", expiry };
  }

  pauseReading(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, performance.now() + ms);
  }

  /** A comment line: keeps proxies and idle timers from closing a quiet stream. */
  heartbeat(): void {
    if (this.stream.kind === "attached") this.write(this.stream.res, ": heartbeat\n\n");
  }

  private write(res: ServerResponse, chunk: string): void {
    res.write(chunk);
    // A client that does not read is cut off, as a WebSocket peer is (it reconnects and resyncs).
    if (res.writableLength > MAX_BUFFERED_BYTES) this.close(CloseEvents.TryAgainLater.code, CloseEvents.TryAgainLater.reason);
  }

  private remember(entry: RingEntry): void {
    this.ring.push(entry);
    this.ringBytes += entry.chunk.length;
    while (this.ring.length > RING_FRAMES || (this.ringBytes > RING_BYTES && this.ring.length > 1)) {
      this.ringBytes -= this.ring.shift()!.chunk.length;
    }
  }
}
