// WebSocket clients for the collab integration tests: the stock y-websocket provider and a raw socket.
import * as Y from "yjs";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";

export type Session = { doc: Y.Doc; provider: WebsocketProvider; closes: Array<{ code: number; reason: string }> };

/** The stock provider, exactly as a bot would use it (token in the query string). */
export function openProvider(collabUrl: string, documentId: string, token: string): Session {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(collabUrl, documentId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true, // same process: BroadcastChannel would sync the docs without the server
  });
  const closes: Session["closes"] = [];
  provider.on("connection-close", (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return { doc, provider, closes };
}

export function closeSession(s: Session): void {
  s.provider.destroy();
  s.doc.destroy();
}

export function synced(s: Session): Promise<void> {
  if (s.provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (state: boolean) => {
      if (!state) return;
      s.provider.off("sync", onSync);
      resolve();
    };
    s.provider.on("sync", onSync);
  });
}

export type RawSocket = {
  ws: WebSocket;
  messages: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  /** Set when the HTTP upgrade was refused (no WebSocket at all). */
  refused: Promise<number>;
};

export function openRaw(url: string, headers: Record<string, string> = {}): RawSocket {
  const ws = new WebSocket(url, { headers });
  const messages: Uint8Array[] = [];
  ws.on("message", (data: Buffer) => messages.push(new Uint8Array(data)));
  const opened = new Promise<void>((resolve) => ws.once("open", () => resolve()));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  const refused = new Promise<number>((resolve) => {
    ws.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
  });
  ws.on("error", () => {});
  return { ws, messages, opened, closed, refused };
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = "condition"): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
