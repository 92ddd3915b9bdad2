// One open event stream. Writes each frame as it comes (frames for many streams are encoded once,
// by the hub), and gives up on a client that stops reading once its backlog passes a limit (it
// reconnects and replays). Heartbeats come from the hub's one timer (heartbeatWheel.ts). State is
// kept to a few fields: at 20,000 streams a process holds every byte 20,000 times.
//
// The body is not chunked: it runs until the connection closes (the response says `Connection:
// close`), so once the head is on the wire each frame goes to the socket as it is. Through
// node:http every write would cork the socket, schedule an uncork for the next tick and frame the
// bytes as a chunk (three buffers in a writev): at 10,000 streams, most of an announcement's CPU.
import type { Socket } from "node:net";
import type { ServerResponse } from "node:http";
import type { Recipient } from "./audience";
import { formatComment, formatEvent, formatRetry } from "./sseFormat";
import { jitteredRetryMs } from "./retryJitter";

export type SseConnectionOptions = { heartbeatMs: number; maxBacklogBytes: number; retryMs: number };

/** The event stream's headers (also used by the collaboration's HTTP transport, which keeps its connection). */
export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  // nginx and similar proxies otherwise buffer the response and the events arrive late, in bulk.
  "X-Accel-Buffering": "no",
} as const;

const HEARTBEAT = Buffer.from(formatComment("heartbeat"));

export type CloseReason = "client closed" | "server closed" | "too slow";

export class SseConnection {
  lastWriteAt = 0;
  private closed = false;
  /** Where frames go: the socket once the head is on it, else (a response still queued) the response. */
  private out: Socket | ServerResponse;
  private listeners: Array<(reason: CloseReason) => void> | undefined;

  constructor(
    private readonly res: ServerResponse,
    readonly recipient: Recipient,
    private readonly options: SseConnectionOptions,
  ) {
    this.out = res;
  }

  open(): void {
    const socket = this.res.socket;
    socket?.setNoDelay(true);
    socket?.setKeepAlive(true);
    socket?.setTimeout(0);
    // No Transfer-Encoding and no keep-alive: the body ends with the connection (see the top).
    this.res.shouldKeepAlive = false;
    this.res.removeHeader("transfer-encoding");
    const { Connection: _keepAlive, ...headers } = SSE_HEADERS;
    this.res.writeHead(200, headers);
    this.res.flushHeaders();
    // `res.socket` is set only while this response is the connection's current one; with nothing left
    // buffered in the response, the head is on the socket and later bytes may follow it directly.
    if (socket && this.res.socket === socket && this.res.writableLength === 0) this.out = socket;
    this.res.on("close", () => this.finish("client closed"));
    this.write(formatRetry(jitteredRetryMs(this.options.retryMs)));
  }

  /** One event, formatted for this stream alone (greetings, replay). */
  send(id: number, event: string, data: unknown): void {
    this.write(formatEvent(id, event, data));
  }

  /** A frame encoded once for many streams. */
  write(frame: Buffer | string): void {
    if (this.closed) return;
    this.lastWriteAt = performance.now();
    const flushed = this.out.write(frame);
    if (!flushed && this.out.writableLength > this.options.maxBacklogBytes) {
      // A client that does not read must not make us hold its events without bound.
      this.res.destroy();
      this.finish("too slow");
    }
  }

  beat(): void {
    this.write(HEARTBEAT);
  }

  onClose(listener: (reason: CloseReason) => void): void {
    (this.listeners ??= []).push(listener);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /**
   * Ends the stream; `retryMs` first tells the browser to come back soon (shutdown: another instance
   * is up), jittered unless the caller's wait already is (`jitter: false`, the capacity's Retry-After).
   */
  end(retryMs?: number, { jitter = true }: { jitter?: boolean } = {}): void {
    if (this.closed) return;
    if (retryMs !== undefined) this.write(formatRetry(jitter ? jitteredRetryMs(retryMs) : retryMs));
    this.res.end();
    this.finish("server closed");
  }

  private finish(reason: CloseReason): void {
    if (this.closed) return;
    this.closed = true;
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners) for (const listener of listeners) listener(reason);
  }
}
