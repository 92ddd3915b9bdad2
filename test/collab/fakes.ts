// Test doubles for the collab room: a fake peer (what the room sees) and a fake client that speaks
// y-websocket through y-protocols, like the stock provider does, but synchronously and without sockets.
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import type { Peer } from "../../server/collab/peer";
import type { Room } from "../../server/collab/Room";
import { MessageType, awarenessMessage, syncStep1Message, syncUpdateMessage } from "../../server/collab/messages";

export class FakePeer implements Peer {
  sent: Uint8Array[] = [];
  closed: { code: number; reason: string } | undefined;

  constructor(
    readonly userId: string,
    public canWrite = true,
    readonly userName = userId.charAt(0).toUpperCase() + userId.slice(1),
  ) {}

  send(message: Uint8Array): void {
    if (!this.closed) this.sent.push(message);
  }

  close(code: number, reason: string): void {
    this.closed ??= { code, reason };
  }
}

const REMOTE = Symbol("remote");

/** A client document connected to a room through a FakePeer. */
export class FakeClient {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  readonly peer: FakePeer;

  constructor(
    private readonly room: Room,
    userId: string,
    canWrite = true,
    /** A fixed Yjs client id, for tests that must replay exactly (seeded fuzzing). */
    clientId?: number,
  ) {
    if (clientId !== undefined) this.doc.clientID = clientId;
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.peer = new FakePeer(userId, canWrite);
    // Like y-websocket: local changes are sent as sync updates, remote ones are not echoed.
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.room.handleMessage(this.peer, syncUpdateMessage(update));
    });
  }

  connect(): this {
    this.room.join(this.peer);
    this.room.handleMessage(this.peer, syncStep1Message(this.doc));
    this.pump();
    return this;
  }

  setPresence(state: Record<string, unknown>): void {
    this.awareness.setLocalState(state);
    this.room.handleMessage(this.peer, awarenessMessage(this.awareness, [this.doc.clientID]));
  }

  /** Processes everything the room sent; answers like a provider would. Returns how many messages. */
  pump(): number {
    let handled = 0;
    while (this.peer.sent.length > 0) {
      const message = this.peer.sent.shift()!;
      handled++;
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === MessageType.Sync) {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MessageType.Sync);
        syncProtocol.readSyncMessage(decoder, encoder, this.doc, REMOTE);
        if (encoding.length(encoder) > 1) this.room.handleMessage(this.peer, encoding.toUint8Array(encoder));
      } else if (type === MessageType.Awareness) {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), REMOTE);
      }
    }
    return handled;
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** Appends a paragraph the way Tiptap stores one (XmlElement "paragraph" holding XmlText). */
export function appendParagraph(doc: Y.Doc, text: string, field = "default"): void {
  doc.transact(() => {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(text)]);
    const fragment = doc.getXmlFragment(field);
    fragment.insert(fragment.length, [paragraph]);
  });
}

/** Sync messages the peer received that carry document updates (not the handshake). */
export function updateMessagesIn(messages: Uint8Array[]): number {
  return messages.filter((m) => {
    const d = decoding.createDecoder(m);
    return decoding.readVarUint(d) === MessageType.Sync && decoding.readVarUint(d) === syncProtocol.messageYjsUpdate;
  }).length;
}
