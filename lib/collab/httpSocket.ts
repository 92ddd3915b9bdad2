// A WebSocket look-alike over HTTP, for y-websocket's `WebSocketPolyfill` where WebSockets cannot open
// (a proxy that refuses upgrades). Frames come down an EventSource (GET /api/collab/<id>/stream) and go
// up in batched POSTs: what is sent within BATCH_MS leaves in one request, in order, one request in
// flight at a time; a POST's reply frames are delivered as if they had come down the stream. The
// server's `close` event and HTTP refusals become the close codes a WebSocket would have had.
import { CloseEvents } from "./closeCodes";
import { ACK_PARAM } from "./durableAck";
import { CLOSE_EVENT, SESSION_EVENT, decodeFrames, encodeFrames, framesPath, fromBase64, streamPath, type StreamClose } from "./httpFrames";

export const BATCH_MS = 20;
/** A POST body stays under the server's frame limit (1 MiB); a bigger single frame goes alone (and gets 413). */
const MAX_BATCH_BYTES = 512 * 1024;
/** A stream that dropped and is not back (resumed) within this long counts as closed. */
const RESUME_WITHIN_MS = 10_000;

/** What the page's EventSource offers (a test in Node passes its own). */
export type EventSourceLike = {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  onerror: ((event: Event) => void) | null;
  close(): void;
};
export type HttpSocketDeps = {
  EventSource: new (url: string, init?: { withCredentials?: boolean }) => EventSourceLike;
  fetch: typeof fetch;
};

type Sending = { kind: "idle" } | { kind: "waiting"; timer: ReturnType<typeof setTimeout> } | { kind: "posting" };

const ABNORMAL: StreamClose = { code: 1006, reason: "The connection was lost." };

export class HttpSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;

  readyState = 0;
  binaryType: BinaryType = "arraybuffer";
  readonly protocol = "";
  readonly extensions = "";
  readonly url: string;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  private readonly source: EventSourceLike;
  private readonly framesUrl: URL;
  private session: string | null = null;
  private queue: Uint8Array[] = [];
  private sending: Sending = { kind: "idle" };
  private lostAt: ReturnType<typeof setTimeout> | null = null;

  constructor(url: string | URL, _protocols?: string | string[], deps?: HttpSocketDeps) {
    const { EventSource, fetch } = deps ?? { EventSource: globalThis.EventSource, fetch: globalThis.fetch.bind(globalThis) };
    this.fetch = fetch;
    this.url = String(url);
    // ws(s)://host/collab/<id>?params → http(s)://host/api/collab/<id>/stream?params
    const wsUrl = new URL(this.url);
    const documentId = decodeURIComponent(wsUrl.pathname.replace(/^.*\/collab\//, ""));
    const origin = `${wsUrl.protocol === "wss:" ? "https:" : "http:"}//${wsUrl.host}`;
    const stream = new URL(streamPath(documentId), origin);
    this.framesUrl = new URL(framesPath(documentId), origin);
    for (const [key, value] of wsUrl.searchParams) {
      stream.searchParams.set(key, value);
      if (key !== ACK_PARAM) this.framesUrl.searchParams.set(key, value);
    }
    this.source = new EventSource(stream.toString(), { withCredentials: true });
    this.source.addEventListener(SESSION_EVENT, (event) => this.onSession(event));
    this.source.addEventListener("message", (event) => {
      if (this.readyState !== HttpSocket.OPEN) return;
      this.deliver(fromBase64(String(event.data)));
    });
    this.source.addEventListener(CLOSE_EVENT, (event) => this.finish(parseClose(event.data)));
    this.source.onerror = () => this.onStreamError();
  }

  private readonly fetch: typeof fetch;

  send(data: ArrayBufferLike | ArrayBufferView | string | Blob): void {
    if (this.readyState === HttpSocket.CONNECTING) throw new Error("HttpSocket is not open yet");
    if (this.readyState !== HttpSocket.OPEN) return;
    if (!(data instanceof Uint8Array)) throw new Error("HttpSocket sends binary frames only");
    this.queue.push(data);
    if (this.sending.kind === "idle") this.sending = { kind: "waiting", timer: setTimeout(() => void this.flush(), BATCH_MS) };
  }

  close(code = 1000, reason = ""): void {
    if (this.readyState === HttpSocket.CLOSED || this.readyState === HttpSocket.CLOSING) return;
    // As a browser's WebSocket: the close event comes after close() returns.
    this.readyState = HttpSocket.CLOSING;
    setTimeout(() => this.finish({ code, reason }), 0);
  }

  private onSession(event: MessageEvent): void {
    let id: unknown;
    try {
      id = (JSON.parse(String(event.data)) as { id?: unknown }).id;
    } catch {
      return this.finish(ABNORMAL);
    }
    if (typeof id !== "string") return this.finish(ABNORMAL);
    if (this.lostAt) clearTimeout(this.lostAt);
    this.lostAt = null;
    if (this.session === null) {
      this.session = id;
      this.framesUrl.searchParams.set("session", id);
      this.readyState = HttpSocket.OPEN;
      this.onopen?.({ type: "open" } as Event);
      return;
    }
    // Resumed: the same session, with what we missed replayed. Another one means a fresh start.
    if (id !== this.session) this.finish(ABNORMAL);
  }

  private onStreamError(): void {
    if (this.readyState === HttpSocket.CLOSED) return;
    // Never opened, or EventSource gave up (an HTTP error): as a WebSocket that failed to connect.
    if (this.session === null || this.source.readyState === 2) {
      this.onerror?.({ type: "error" } as Event);
      return this.finish(ABNORMAL);
    }
    // Dropped: EventSource reconnects with Last-Event-ID and the server replays; give it a while.
    this.lostAt ??= setTimeout(() => this.finish(ABNORMAL), RESUME_WITHIN_MS);
  }

  private async flush(): Promise<void> {
    if (this.readyState !== HttpSocket.OPEN || this.queue.length === 0) {
      this.sending = { kind: "idle" };
      return;
    }
    this.sending = { kind: "posting" };
    const batch: Uint8Array[] = [];
    let bytes = 0;
    while (this.queue.length > 0 && (batch.length === 0 || bytes + this.queue[0].byteLength <= MAX_BATCH_BYTES)) {
      const frame = this.queue.shift()!;
      batch.push(frame);
      bytes += frame.byteLength;
    }
    let close: StreamClose | null = null;
    try {
      const body = encodeFrames(batch);
      const res = await this.fetch(this.framesUrl.toString(), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/octet-stream" },
        body: body as Uint8Array<ArrayBuffer>,
      });
      if (res.status === 200) {
        for (const frame of decodeFrames(new Uint8Array(await res.arrayBuffer()))) this.deliver(frame);
      } else if (res.status !== 204) {
        close = closeForStatus(res.status);
      }
    } catch {
      close = ABNORMAL;
    }
    if (close) return this.finish(close);
    // Whatever was sent meanwhile leaves now, in one request.
    if (this.queue.length > 0) return this.flush();
    this.sending = { kind: "idle" };
  }

  private deliver(frame: Uint8Array): void {
    if (this.readyState !== HttpSocket.OPEN) return;
    const data = frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength);
    // Plain objects, not DOM events: y-websocket reads `data` and `code`/`reason` only, and Node lacks CloseEvent.
    this.onmessage?.({ type: "message", data } as MessageEvent);
  }

  private finish({ code, reason }: StreamClose): void {
    if (this.readyState === HttpSocket.CLOSED) return;
    this.readyState = HttpSocket.CLOSED;
    this.source.close();
    if (this.sending.kind === "waiting") clearTimeout(this.sending.timer);
    if (this.lostAt) clearTimeout(this.lostAt);
    this.sending = { kind: "idle" };
    this.queue = [];
    this.onclose?.({ type: "close", code, reason, wasClean: code !== 1006 } as CloseEvent);
  }
}

/** A POST refused: the close a WebSocket would have seen for the same cause. */
function closeForStatus(status: number): StreamClose {
  switch (status) {
    case 400:
      return CloseEvents.InvalidPayload;
    case 413:
      return CloseEvents.MessageTooBig;
    default:
      // 409 session_unknown (another instance, or expired), 403, 5xx: reconnect with a fresh stream.
      return ABNORMAL;
  }
}

function parseClose(data: unknown): StreamClose {
  try {
    const parsed = JSON.parse(String(data)) as Partial<StreamClose>;
    if (typeof parsed.code === "number" && typeof parsed.reason === "string") return { code: parsed.code, reason: parsed.reason };
  } catch {
    // fall through
  }
  return ABNORMAL;
}
