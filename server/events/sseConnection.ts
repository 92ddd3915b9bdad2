// One open event stream. Writes and flushes each frame as it comes, beats a heartbeat, and gives up
// on a client that stops reading once its backlog passes a limit (it reconnects and replays).
import type { ServerResponse } from "node:http";
import type { Recipient } from "./audience";
import { formatComment, formatEvent, formatRetry } from "./sseFormat";

export type SseConnectionOptions = { heartbeatMs: number; maxBacklogBytes: number; retryMs: number };

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  // nginx and similar proxies otherwise buffer the response and the events arrive late, in bulk.
  "X-Accel-Buffering": "no",
} as const;

export class SseConnection {
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly closeListeners: Array<(reason: string) => void> = [];

  constructor(
    private readonly res: ServerResponse,
    readonly recipient: Recipient,
    private readonly options: SseConnectionOptions,
  ) {}

  open(): void {
    const socket = this.res.socket;
    socket?.setNoDelay(true);
    socket?.setKeepAlive(true);
    socket?.setTimeout(0);
    this.res.writeHead(200, SSE_HEADERS);
    this.res.flushHeaders();
    this.res.on("close", () => this.finish("client closed"));
    this.write(formatRetry(this.options.retryMs));
    this.heartbeat = setInterval(() => this.write(formatComment("heartbeat")), this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  send(id: number, event: string, data: unknown): void {
    this.write(formatEvent(id, event, data));
  }

  onClose(listener: (reason: string) => void): void {
    this.closeListeners.push(listener);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Ends the stream; `retryMs` first tells the browser to come back soon (shutdown: another instance is up). */
  end(retryMs?: number): void {
    if (this.closed) return;
    if (retryMs !== undefined) this.write(formatRetry(retryMs));
    this.res.end();
    this.finish("server closed");
  }

  private write(chunk: string): void {
    if (this.closed) return;
    const flushed = this.res.write(chunk);
    if (!flushed && this.res.writableLength > this.options.maxBacklogBytes) {
      // A client that does not read must not make us hold its events without bound.
      this.res.destroy();
      this.finish("too slow");
    }
  }

  private finish(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const listener of this.closeListeners) listener(reason);
  }
}
