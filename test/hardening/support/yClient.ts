// A raw y-websocket client for the hardening suite: it speaks the wire protocol by hand (no provider,
// no reconnects) so a test sees exactly what the server did — opened, closed with which code, which
// updates and awareness states it relayed.
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import { WebSocket } from "ws";

const SYNC = 0;
const AWARENESS = 1;

/** "open" once the server sent its first frame (it joined the room), else the close code, else the HTTP refusal. */
export type ConnectOutcome = "open" | number | `http ${number}` | "timeout";

export class YClient {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc());
  readonly ws: WebSocket;
  closedWith: number | undefined;
  refusedWith: number | undefined;
  private firstFrame = false;
  /** Set when the server answered our sync step 1 with its whole state (sync step 2). */
  synced = false;
  private waiters: Array<() => void> = [];

  constructor(url: string, headers: Record<string, string>) {
    this.awareness.setLocalState(null);
    this.ws = new WebSocket(url, { headers });
    this.ws.binaryType = "nodebuffer";
    this.ws.on("message", (data: Buffer) => this.receive(new Uint8Array(data)));
    this.ws.on("close", (code) => ((this.closedWith = code), this.notify()));
    this.ws.on("unexpected-response", (_req, res) => {
      this.refusedWith = res.statusCode ?? 0;
      this.ws.terminate();
      this.notify();
    });
    this.ws.on("error", () => this.notify());
  }

  /** Waits for the server's first frame or a refusal. */
  async outcome(timeoutMs = 5_000): Promise<ConnectOutcome> {
    const ok = await this.waitFor(() => this.firstFrame || this.closedWith !== undefined || this.refusedWith !== undefined, timeoutMs);
    if (this.refusedWith !== undefined) return `http ${this.refusedWith}`;
    if (this.firstFrame && this.closedWith === undefined) return "open";
    if (this.closedWith !== undefined) return this.closedWith;
    return ok ? "open" : "timeout";
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends a text edit as a sync update (message type 0/2) or as sync step 2 (0/1). */
  sendEdit(field: string, text: string, as: "update" | "step2" = "update"): void {
    const local = new Y.Doc();
    local.getText(field).insert(0, text);
    const update = Y.encodeStateAsUpdate(local);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, SYNC);
    if (as === "update") syncProtocol.writeUpdate(encoder, update);
    else syncProtocol.writeSyncStep2(encoder, local);
    this.send(encoding.toUint8Array(encoder));
  }

  /** Announces an awareness state under a fresh client id; returns that id. */
  sendAwareness(state: Record<string, unknown>): number {
    const own = new awarenessProtocol.Awareness(new Y.Doc());
    own.setLocalState(state);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(own, [own.clientID]));
    this.send(encoding.toUint8Array(encoder));
    own.destroy();
    return own.clientID;
  }

  /** Asks for the server's whole document (sync step 1) and waits for it. */
  async requestState(timeoutMs = 5_000): Promise<boolean> {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.send(encoding.toUint8Array(encoder));
    return this.waitFor(() => this.synced, timeoutMs);
  }

  send(frame: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  text(field: string): string {
    return this.doc.getText(field).toString();
  }

  async waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
    return true;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once("close", () => resolve());
      this.ws.close();
      setTimeout(() => (this.ws.terminate(), resolve()), 1_000).unref();
    });
  }

  private receive(frame: Uint8Array): void {
    this.firstFrame = true;
    try {
      const decoder = decoding.createDecoder(frame);
      const type = decoding.readVarUint(decoder);
      if (type === SYNC) {
        // Replies are not sent: this client only listens, unless it asked with requestState().
        if (syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), this.doc, "server") === syncProtocol.messageYjsSyncStep2) this.synced = true;
      } else if (type === AWARENESS) awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), "server");
    } catch {
      /* a frame this listener cannot read is the server's problem, checked elsewhere */
    }
    this.notify();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/** The document exactly as stored: the snapshot with the update log applied after it. */
export async function storedDocument(db: any, documentId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const row = await db.document.findUnique({ where: { id: documentId }, select: { snapshot: true } });
  if (row?.snapshot) Y.applyUpdate(doc, new Uint8Array(row.snapshot));
  const updates = await db.documentUpdate.findMany({ where: { documentId }, orderBy: { id: "asc" }, select: { data: true } });
  for (const u of updates) Y.applyUpdate(doc, new Uint8Array(u.data));
  return doc;
}
