// HTTP-transport clients for the collab tests in Node (which has no EventSource): a small EventSource
// over fetch (events, ids, Last-Event-ID reconnects, as the browser's does), and the stock y-websocket
// provider running over HttpSocket through its WebSocketPolyfill option.
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { HttpSocket, type EventSourceLike } from "../../lib/collab/httpSocket";
import type { Session } from "./wsClients";

type Listener = (event: MessageEvent) => void;

/** EventSource as the HTML spec describes it, enough for our stream: reconnects after a drop with Last-Event-ID. */
export class FetchEventSource implements EventSourceLike {
  readyState = 0;
  onerror: ((event: Event) => void) | null = null;
  private readonly listeners = new Map<string, Listener[]>();
  private lastEventId = "";
  private abort = new AbortController();
  /** Every response status seen, for tests that look at refusals. */
  readonly statuses: number[] = [];

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string> = {},
  ) {
    void this.connect();
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.readyState = 2;
    this.abort.abort();
  }

  /** Cuts the current response (as a network drop would): the source reconnects. */
  drop(): void {
    this.abort.abort();
  }

  private async connect(): Promise<void> {
    this.abort = new AbortController();
    const headers: Record<string, string> = { Accept: "text/event-stream", ...this.headers };
    if (this.lastEventId) headers["Last-Event-ID"] = this.lastEventId;
    try {
      const res = await fetch(this.url, { headers, signal: this.abort.signal });
      this.statuses.push(res.status);
      if (res.status !== 200 || !res.body) {
        this.readyState = 2;
        this.onerror?.({ type: "error" } as Event);
        return;
      }
      this.readyState = 1;
      const decoder = new TextDecoder();
      let buffer = "";
      const reader = res.body.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        buffer += decoder.decode(read.value, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          this.dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // aborted or cut: reconnect below unless closed
    }
    if (this.readyState === 2) return;
    this.readyState = 0;
    this.onerror?.({ type: "error" } as Event);
    setTimeout(() => this.readyState !== 2 && void this.connect(), 100);
  }

  private dispatch(block: string): void {
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue;
      const at = line.indexOf(":");
      const field = at < 0 ? line : line.slice(0, at);
      const value = at < 0 ? "" : line.slice(at + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
      else if (field === "id") this.lastEventId = value;
    }
    if (data.length === 0) return;
    for (const listener of this.listeners.get(event) ?? []) listener({ type: event, data: data.join("\n") } as MessageEvent);
  }
}

/** The HttpSocket class as y-websocket will construct it, with Node's fetch and the EventSource above. */
export function httpSocketClass(sources: FetchEventSource[] = [], headers: Record<string, string> = {}): typeof WebSocket {
  return class NodeHttpSocket extends HttpSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, {
        EventSource: class extends FetchEventSource {
          constructor(u: string) {
            super(u, headers);
            sources.push(this);
          }
        },
        fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } }),
      });
    }
  } as unknown as typeof WebSocket;
}

/** The stock provider over the HTTP transport (token in the query string, as a bot would). */
export function openHttpProvider(
  collabUrl: string,
  documentId: string,
  token: string,
  params: Record<string, string> = {},
): Session & { sources: FetchEventSource[] } {
  const doc = new Y.Doc();
  const sources: FetchEventSource[] = [];
  const provider = new WebsocketProvider(collabUrl, documentId, doc, {
    params: { token, ...params },
    WebSocketPolyfill: httpSocketClass(sources),
    disableBc: true,
  });
  const closes: Session["closes"] = [];
  provider.on("connection-close", (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return { doc, provider, closes, sources };
}
