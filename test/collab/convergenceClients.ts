// Simulated y-websocket clients for the convergence fuzz: each has its own Y.Doc, edits it with the
// bench's seeded typist, and talks to the room through a FakePeer over two in-order queues (what it
// sent, not yet read by the server; what the server sent, not yet read by it), delivered one frame at
// a time in whatever order the fuzz picks. Leaving loses both queues, as a dropped socket does; what
// was typed meanwhile travels in the sync step 2 of the next connection, as with y-websocket.
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import { EditingTrace } from "../../bench/lib/trace.mjs";
import { MessageType, awarenessMessage, syncStep1Message, syncUpdateMessage } from "../../server/collab/messages";
import type { Room } from "../../server/collab/Room";
import type { RoomManager } from "../../server/collab/RoomManager";
import { FakePeer } from "./fakes";

const FROM_SERVER = Symbol("from the server");

type Connection = { state: "offline" } | { state: "connecting" } | { state: "online"; room: Room; peer: FakePeer; outbox: Uint8Array[] };

export class SimClient {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  private readonly trace: EditingTrace;
  conn: Connection = { state: "offline" };
  /** A viewer's forged updates that reached the server (each must have been dropped). */
  forgedDelivered = 0;
  private readonly forged = new WeakSet<Uint8Array>();

  constructor(
    readonly userId: string,
    readonly canWrite: boolean,
    clientId: number,
    seed: number,
    /** The client id a viewer's forged changes are made under: it must never appear in the room. */
    readonly forgeryClientId = clientId + 500_000,
  ) {
    this.doc.clientID = clientId; // fixed: a failing seed replays exactly
    this.trace = new EditingTrace(seed);
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_SERVER && this.conn.state === "online") this.conn.outbox.push(syncUpdateMessage(update));
    });
  }

  get text(): string {
    return this.doc.getText("body").toString();
  }

  /** `steps` keystrokes of the typist, in one transaction (online: one update frame). */
  type(steps: number): void {
    const text = this.doc.getText("body");
    this.doc.transact(() => {
      for (let i = 0; i < steps; i++) this.trace.step(text);
    });
  }

  /** A viewer whose client writes anyway: a change made on a copy of its document, sent as an update. */
  forge(): void {
    if (this.conn.state !== "online") return;
    const copy = new Y.Doc();
    copy.clientID = this.forgeryClientId;
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
    const before = Y.encodeStateVector(copy);
    copy.getText("body").insert(0, "VIEWER");
    const frame = syncUpdateMessage(Y.encodeStateAsUpdate(copy, before));
    copy.destroy();
    this.forged.add(frame);
    this.conn.outbox.push(frame);
  }

  setPresence(state: Record<string, unknown>): void {
    this.awareness.setLocalState(state);
    if (this.conn.state === "online") this.conn.outbox.push(awarenessMessage(this.awareness, [this.doc.clientID]));
  }

  /** Joins through the manager; the sync handshake starts once the room is loaded. */
  async connect(manager: RoomManager, documentId: string): Promise<void> {
    if (this.conn.state !== "offline") throw new Error(`${this.userId} connects while ${this.conn.state}`);
    this.conn = { state: "connecting" };
    const peer = new FakePeer(this.userId, this.canWrite);
    const room = await manager.connect(documentId, peer);
    if (!room) throw new Error(`${this.userId}: the document did not open`);
    this.conn = { state: "online", room, peer, outbox: [syncStep1Message(this.doc)] };
  }

  /** The socket closed: the room forgets the peer, and frames in flight either way are lost. */
  leave(): void {
    if (this.conn.state !== "online") return;
    this.conn.room.leave(this.conn.peer);
    this.conn = { state: "offline" };
  }

  /** Delivers this client's oldest frame to the server. False when there was none. */
  sendOne(): boolean {
    if (this.conn.state !== "online") return false;
    const frame = this.conn.outbox.shift();
    if (!frame) return false;
    if (this.forged.has(frame)) this.forgedDelivered++;
    this.conn.room.handleMessage(this.conn.peer, frame);
    return true;
  }

  /** Reads the server's oldest frame to this client and answers like the provider. False when there was none. */
  receiveOne(): boolean {
    if (this.conn.state !== "online") return false;
    const message = this.conn.peer.sent.shift();
    if (!message) return false;
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.Sync) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, FROM_SERVER);
      if (encoding.length(encoder) > 1) this.conn.outbox.push(encoding.toUint8Array(encoder));
    } else if (type === MessageType.Awareness) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), FROM_SERVER);
    }
    return true;
  }

  /** True while frames wait in either direction. */
  get busy(): boolean {
    return this.conn.state === "online" && (this.conn.outbox.length > 0 || this.conn.peer.sent.length > 0);
  }

  /** Closed by the server (an honest client never should be in this fuzz). */
  get closedBy(): { code: number; reason: string } | undefined {
    return this.conn.state === "online" ? this.conn.peer.closed : undefined;
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}
