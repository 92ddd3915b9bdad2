// The Room with fake peers: handshake, fan-out, read-only peers, malformed frames, awareness, limits.
import { afterEach, describe, expect, test } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import { CloseCode } from "../../lib/collab/closeCodes";
import { Room, type RoomLimits } from "../../server/collab/Room";
import { RefusedFrame, own, readFrame } from "../../server/collab/frameErrors";
import { MessageType, syncUpdateMessage } from "../../server/collab/messages";
import { documentText } from "../../server/collab/documentText";
import { FakeClient, FakePeer, appendParagraph, updateMessagesIn } from "./fakes";

/** A y-websocket awareness frame for one client id, built by hand (clients could send anything). */
function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, MessageType.Awareness);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(inner));
  return encoding.toUint8Array(frame);
}

const limits: RoomLimits = { maxFrameBytes: 1024 * 1024, maxDocumentBytes: 16 * 1024 * 1024 };

function makeRoom(initial: Y.Doc | null = null, roomLimits = limits) {
  const stored: Uint8Array[] = [];
  let emptied = 0;
  const room = new Room(
    "doc-1",
    initial ? [Y.encodeStateAsUpdate(initial)] : [],
    {
      onUpdate: (u) => stored.push(u),
      onEmpty: () => emptied++,
    },
    roomLimits,
  );
  return { room, stored, emptied: () => emptied };
}

const cleanup: Array<() => void> = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));
function client(room: Room, userId: string, canWrite = true) {
  const c = new FakeClient(room, userId, canWrite);
  cleanup.push(() => c.destroy());
  return c;
}

describe("sync", () => {
  test("handshake brings the client up to date and the server gets the client's state", () => {
    const seed = new Y.Doc();
    appendParagraph(seed, "from the server");
    const { room, stored } = makeRoom(seed);
    cleanup.push(() => room.destroy());
    const a = client(room, "alice");
    appendParagraph(a.doc, "offline edit"); // made before connecting: travels in sync step 2
    a.peer.sent.length = 0;
    a.connect();
    expect(documentText(a.doc)).toContain("from the server");
    expect(documentText(room.doc)).toContain("offline edit");
    expect(stored.length).toBeGreaterThan(0); // the accepted step 2 is persisted
  });

  test("an update fans out to the other peers once, not back to its sender", () => {
    const { room, stored } = makeRoom();
    cleanup.push(() => room.destroy());
    const a = client(room, "alice").connect();
    const b = client(room, "bob").connect();
    const c = client(room, "carol").connect();
    a.pump();
    b.peer.sent.length = 0;
    c.peer.sent.length = 0;
    const before = stored.length;
    appendParagraph(a.doc, "hello");
    expect(updateMessagesIn(a.peer.sent)).toBe(0);
    expect(updateMessagesIn(b.peer.sent)).toBe(1);
    // Encoded once: every receiver gets the very same bytes.
    expect(b.peer.sent[0]).toBe(c.peer.sent[0]);
    b.pump();
    c.pump();
    expect(documentText(b.doc)).toBe("hello");
    expect(documentText(c.doc)).toBe("hello");
    expect(stored.length).toBe(before + 1);
  });
});

describe("read-only peers", () => {
  test("a viewer reads, but its updates are never applied, relayed or stored", () => {
    const seed = new Y.Doc();
    appendParagraph(seed, "original");
    const { room, stored } = makeRoom(seed);
    cleanup.push(() => room.destroy());
    const editor = client(room, "alice").connect();
    const viewer = client(room, "victor", false).connect();
    expect(documentText(viewer.doc)).toBe("original"); // step 1 answered
    editor.peer.sent.length = 0;
    const storedBefore = stored.length;
    const stateBefore = Y.encodeStateVector(room.doc);

    appendParagraph(viewer.doc, "vandalism"); // sent as a sync update frame
    const crafted = new Y.Doc();
    appendParagraph(crafted, "more vandalism");
    const step2 = encoding.createEncoder();
    encoding.writeVarUint(step2, MessageType.Sync);
    encoding.writeVarUint(step2, 1); // sync step 2
    encoding.writeVarUint8Array(step2, Y.encodeStateAsUpdate(crafted));
    room.handleMessage(viewer.peer, encoding.toUint8Array(step2));

    expect(documentText(room.doc)).toBe("original");
    expect(Y.encodeStateVector(room.doc)).toEqual(stateBefore);
    expect(updateMessagesIn(editor.peer.sent)).toBe(0);
    expect(stored.length).toBe(storedBefore);
    expect(viewer.peer.closed).toBeUndefined(); // dropped quietly; the viewer may stay and read
    expect(room.droppedReadOnlyUpdates).toBe(2);
  });

  test("a viewer's awareness is relayed", () => {
    const { room } = makeRoom();
    cleanup.push(() => room.destroy());
    const editor = client(room, "alice").connect();
    const viewer = client(room, "victor", false).connect();
    viewer.setPresence({ user: { name: "Victor" } });
    editor.pump();
    expect(editor.awareness.getStates().get(viewer.doc.clientID)).toEqual({ user: { name: "Victor", id: "victor" } });
  });

  test("write access can be withdrawn live", () => {
    const { room } = makeRoom();
    cleanup.push(() => room.destroy());
    const a = client(room, "alice").connect();
    a.peer.canWrite = false;
    appendParagraph(a.doc, "too late");
    expect(documentText(room.doc)).toBe("");
  });
});

describe("bad frames", () => {
  test.each([
    ["empty", new Uint8Array([])],
    ["unknown type", new Uint8Array([9, 1, 2])],
    ["unknown sync type", new Uint8Array([0, 7, 0])],
    ["truncated update", new Uint8Array([0, 2, 50, 1, 2, 3])],
    ["garbage update", syncUpdateMessage(new Uint8Array([1, 255, 255, 255, 255, 15, 0, 4, 0]))],
    [
      "bad awareness json",
      (() => {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, MessageType.Awareness);
        const inner = encoding.createEncoder();
        encoding.writeVarUint(inner, 1);
        encoding.writeVarUint(inner, 42);
        encoding.writeVarUint(inner, 1);
        encoding.writeVarString(inner, "{not json");
        encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
        return encoding.toUint8Array(e);
      })(),
    ],
  ])("%s closes only the sender", (_name, frame) => {
    const seed = new Y.Doc();
    appendParagraph(seed, "safe");
    const { room } = makeRoom(seed);
    cleanup.push(() => room.destroy());
    const bad = client(room, "mallory").connect();
    const good = client(room, "alice").connect();
    room.handleMessage(bad.peer, frame);
    expect(bad.peer.closed?.code).toBe(CloseCode.InvalidPayload);
    expect(good.peer.closed).toBeUndefined();
    expect(room.peerCount).toBe(1);
    expect(documentText(room.doc)).toBe("safe");
    appendParagraph(good.doc, "still working");
    expect(documentText(room.doc)).toBe("safe\nstill working");
  });

  test("a sync step 1 whose state vector does not decode is the frame's fault (1007)", () => {
    const { room } = makeRoom();
    cleanup.push(() => room.destroy());
    const bad = client(room, "mallory").connect();
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, 0); // sync step 1
    encoding.writeVarUint8Array(e, new Uint8Array([3, 200])); // three entries announced, half of one there
    room.handleMessage(bad.peer, encoding.toUint8Array(e));
    expect(bad.peer.closed?.code).toBe(CloseCode.InvalidPayload);
  });

  test("a failure of the server's own while handling a frame is logged with the document, and closes with 1011, not 'malformed'", () => {
    const logged: Array<{ fields: Record<string, unknown>; message: string }> = [];
    const log = { error: (fields: Record<string, unknown>, message: string) => void logged.push({ fields, message }) };
    const failure = new Error("disk on fire");
    const room = new Room(
      "doc-9",
      [],
      {
        onUpdate: () => {
          throw failure;
        },
        onEmpty() {},
      },
      { ...limits, log: log as never },
    );
    cleanup.push(() => room.destroy());
    const a = client(room, "alice").connect();
    appendParagraph(a.doc, "an honest edit");
    expect(a.peer.closed?.code).toBe(CloseCode.InternalError);
    expect(logged).toHaveLength(1);
    expect(logged[0].fields).toMatchObject({ documentId: "doc-9", userId: "alice", err: failure });
  });

  test("a failure of the room's own called back while a frame is read stays the room's (readFrame, own)", () => {
    const bug = new TypeError("bug");
    expect(() => readFrame(() => JSON.parse("{not json"))).toThrow(RefusedFrame);
    expect(() =>
      readFrame(
        own(() => {
          throw bug;
        }),
      ),
    ).toThrow(bug);
  });

  test("a frame over the frame limit closes with 1009", () => {
    const { room } = makeRoom(null, { maxFrameBytes: 100, maxDocumentBytes: 10_000 });
    cleanup.push(() => room.destroy());
    const a = client(room, "alice").connect();
    appendParagraph(a.doc, "x".repeat(200));
    expect(a.peer.closed?.code).toBe(CloseCode.MessageTooBig);
    expect(documentText(room.doc)).toBe("");
  });

  test("a document over its size limit refuses further updates with 1009", () => {
    const { room, stored } = makeRoom(null, { maxFrameBytes: 10_000, maxDocumentBytes: 2_000 });
    cleanup.push(() => room.destroy());
    const a = client(room, "alice").connect();
    appendParagraph(a.doc, "a".repeat(1_500));
    expect(a.peer.closed).toBeUndefined();
    appendParagraph(a.doc, "b".repeat(1_500));
    expect(a.peer.closed?.code).toBe(CloseCode.MessageTooBig);
    expect(documentText(room.doc)).toBe("a".repeat(1_500));
    expect(stored.length).toBe(1);
  });
});

describe("awareness and leaving", () => {
  test("a leaving peer's cursors are removed for everyone", () => {
    const { room, emptied } = makeRoom();
    cleanup.push(() => room.destroy());
    const a = client(room, "alice").connect();
    const b = client(room, "bob").connect();
    a.setPresence({ user: { name: "Alice" } });
    b.pump();
    expect(b.awareness.getStates().has(a.doc.clientID)).toBe(true);
    room.leave(a.peer);
    b.pump();
    expect(b.awareness.getStates().has(a.doc.clientID)).toBe(false);
    expect(room.awareness.getStates().size).toBe(0);
    expect(emptied()).toBe(0);
    room.leave(b.peer);
    room.leave(b.peer); // idempotent
    expect(emptied()).toBe(1);
  });

  test("a newcomer receives the present cursors in its handshake", () => {
    const { room } = makeRoom();
    cleanup.push(() => room.destroy());
    const a = client(room, "alice").connect();
    a.setPresence({ user: { name: "Alice" } });
    const b = client(room, "bob").connect();
    expect(b.awareness.getStates().get(a.doc.clientID)).toEqual({ user: { name: "Alice", id: "alice" } });
  });

  test("a peer's awareness carries its account's name and id, whatever the client claims", () => {
    const { room } = makeRoom();
    cleanup.push(() => room.destroy());
    const bob = client(room, "bob").connect();
    const mallory = client(room, "mallory").connect();
    mallory.setPresence({ user: { name: "Alice", id: "alice", color: "#ff0000" }, cursor: { anchor: 1 } });
    bob.pump();
    expect(bob.awareness.getStates().get(mallory.doc.clientID)).toEqual({
      user: { name: "Mallory", id: "mallory", color: "#ff0000" },
      cursor: { anchor: 1 },
    });
  });

  test("another account's awareness client id cannot be taken over; the same account's new connection may", () => {
    const { room } = makeRoom();
    cleanup.push(() => room.destroy());
    const alice = client(room, "alice").connect();
    const bob = client(room, "bob").connect();
    alice.setPresence({ user: { name: "Alice" } });
    const id = alice.doc.clientID;

    const mallory = new FakePeer("mallory");
    room.join(mallory);
    room.handleMessage(mallory, awarenessFrame(id, 99, { user: { name: "Alice" }, cursor: "spoofed" }));
    expect(mallory.closed).toBeUndefined();
    expect(room.droppedForeignAwareness).toBe(1);
    bob.pump();
    expect(bob.awareness.getStates().get(id)).toEqual({ user: { name: "Alice", id: "alice" } });

    // Alice's tab reconnects before her old socket is noticed gone: same client id, new connection.
    const aliceAgain = new FakePeer("alice");
    room.join(aliceAgain);
    room.handleMessage(aliceAgain, awarenessFrame(id, 100, { user: { name: "Alice" }, cursor: "moved" }));
    room.leave(alice.peer); // the old socket's close must not remove the cursor the new one owns
    bob.pump();
    expect(bob.awareness.getStates().get(id)).toEqual({ user: { name: "Alice", id: "alice" }, cursor: "moved" });
  });

  test("frames from a peer that left are ignored", () => {
    const { room } = makeRoom();
    cleanup.push(() => room.destroy());
    const a = client(room, "alice").connect();
    room.leave(a.peer);
    appendParagraph(a.doc, "ghost");
    expect(documentText(room.doc)).toBe("");
  });
});

test("closing a peer through the room removes it", () => {
  const { room } = makeRoom();
  cleanup.push(() => room.destroy());
  const peer = new FakePeer("alice");
  room.join(peer);
  room.disconnect(peer, CloseCode.Forbidden, "gone");
  expect(peer.closed).toEqual({ code: CloseCode.Forbidden, reason: "gone" });
  expect(room.peerCount).toBe(0);
});
