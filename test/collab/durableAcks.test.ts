// Durable acknowledgements (`?ack=1`): a connection is told how many of its write frames are stored,
// after the group commit and never before, batched per commit, and only when it asked; viewers and
// stock y-websocket clients never get one. On the SQLite file and, in the PostgreSQL pass, PostgreSQL.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import { DURABLE_ACK_MESSAGE, barrierFrame } from "../../lib/collab/durableAck";
import { DocumentStore } from "../../server/collab/DocumentStore";
import { RoomManager } from "../../server/collab/RoomManager";
import { defaultCollabOptions } from "../../server/collab/limits";
import { syncStep1Message, syncUpdateMessage } from "../../server/collab/messages";
import { prismaUpdateLogWriter, type UpdateLogWriter } from "../../server/db/updateLogWriter";
import { openPostgresBackend, openSqliteBackend, postgresAvailable, type Backend } from "../db/writerBackends";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { FakePeer } from "./fakes";
import { silentLog } from "./testDb";
import { closeSession, openProvider, openRaw, synced, until, type Session } from "./wsClients";

class AckPeer extends FakePeer {
  readonly wantsAcks = true;
}

/** The acknowledgements among a peer's messages, in order (each: write frames stored so far). */
function acksIn(messages: Uint8Array[]): number[] {
  const acks: number[] = [];
  for (const m of messages) {
    const decoder = decoding.createDecoder(m);
    if (decoding.readVarUint(decoder) === DURABLE_ACK_MESSAGE) acks.push(decoding.readVarUint(decoder));
  }
  return acks;
}

/** A client's keystrokes as y-websocket would send them, one update frame each. */
function keystrokes(count: number, doc = new Y.Doc()): Uint8Array[] {
  const frames: Uint8Array[] = [];
  const onUpdate = (u: Uint8Array) => frames.push(syncUpdateMessage(u));
  doc.on("update", onUpdate);
  for (let i = 0; i < count; i++) doc.getText("t").insert(doc.getText("t").length, "k");
  doc.off("update", onUpdate);
  return frames;
}

/** lib0's varUint8Array: the length (one byte below 128, else two) and the bytes. */
function varBytes(bytes: Uint8Array): number[] {
  const n = bytes.byteLength;
  const length = n < 128 ? [n] : [(n & 0x7f) | 0x80, n >> 7];
  return [...length, ...bytes];
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

function roomSuite(name: string, open: () => Promise<Backend>, skip = false) {
  describe.skipIf(skip)(`durable acks in the room, ${name}`, () => {
    let backend: Backend;
    beforeAll(async () => {
      backend = await open();
    }, 120_000);
    afterAll(async () => backend?.close());

    /** A manager over the real writer, whose appends wait at a gate the test opens. */
    function heldManager() {
      let release: () => void = () => {};
      let gate = Promise.resolve();
      const hold = () => (gate = new Promise<void>((r) => (release = r)));
      const real = prismaUpdateLogWriter(backend.db);
      const writer: UpdateLogWriter = { ...real, append: async (rows) => (await gate, real.append(rows)) };
      const options = { ...defaultCollabOptions, unloadDelayMs: 0, groupCommitMs: 2 };
      const store = new DocumentStore(backend.db, silentLog, options, undefined, writer);
      const manager = new RoomManager(store, options, { touch: async () => {}, log: silentLog });
      return { manager, store, hold, release: () => release() };
    }
    const rowsOf = (documentId: string) => backend.db.documentUpdate.count({ where: { documentId } });

    test("an acknowledgement comes after the commit and never before, and counts every write frame", async () => {
      const { manager, hold, release } = heldManager();
      const id = await backend.createDocument();
      const peer = new AckPeer("editor");
      const room = (await manager.connect(id, peer))!;
      hold();
      const frames = keystrokes(5);
      for (const f of frames) room.handleMessage(peer, f);
      await tick(100); // the batch is cut and waiting at the gate
      expect(acksIn(peer.sent)).toEqual([]);
      expect(await rowsOf(id)).toBe(0);
      release();
      await until(() => acksIn(peer.sent).length > 0, 5_000, "an acknowledgement");
      expect(await rowsOf(id)).toBe(5); // what it acknowledges is in the database
      expect(acksIn(peer.sent).at(-1)).toBe(5);
      await manager.close();
    });

    test("batched: 200 keystrokes while the disk is held are acknowledged in a few messages, not one each", async () => {
      const { manager, hold, release } = heldManager();
      const id = await backend.createDocument();
      const peer = new AckPeer("editor");
      const room = (await manager.connect(id, peer))!;
      const frames = keystrokes(200);
      hold();
      for (let i = 0; i < frames.length; i++) {
        room.handleMessage(peer, frames[i]);
        if (i % 50 === 49) await tick(5); // typing goes on while a batch waits for the disk
      }
      release();
      await until(() => acksIn(peer.sent).at(-1) === 200, 5_000, "all 200 acknowledged");
      const acks = acksIn(peer.sent);
      expect(acks.length).toBeLessThanOrEqual(6);
      expect([...acks].sort((a, b) => a - b)).toEqual(acks); // only ever grows
      expect(await rowsOf(id)).toBe(200);
      await manager.close();
    });

    test("only a peer that asked is acknowledged, a viewer never (its frames are dropped), and a frame that changes nothing is a barrier", async () => {
      const { manager, hold, release } = heldManager();
      const id = await backend.createDocument();
      const asked = new AckPeer("editor");
      const stock = new FakePeer("other");
      const viewer = new AckPeer("viewer", false);
      const room = (await manager.connect(id, asked))!;
      await manager.connect(id, stock);
      await manager.connect(id, viewer);
      // Nothing waits for the disk: a no-op frame is acknowledged at once.
      room.handleMessage(asked, barrierFrame());
      expect(acksIn(asked.sent)).toEqual([1]);
      hold();
      const doc = new Y.Doc();
      for (const f of keystrokes(3, doc)) room.handleMessage(stock, f);
      // The barrier now waits for the other peer's updates, which are its content too.
      room.handleMessage(asked, syncUpdateMessage(Y.encodeStateAsUpdate(doc)));
      for (const f of keystrokes(3)) room.handleMessage(viewer, f);
      room.handleMessage(viewer, syncStep1Message(new Y.Doc()));
      await tick(50);
      expect(acksIn(asked.sent)).toEqual([1]);
      release();
      await until(() => acksIn(asked.sent).length === 2, 5_000, "the second acknowledgement");
      expect(acksIn(asked.sent)).toEqual([1, 2]);
      expect(acksIn(stock.sent)).toEqual([]);
      expect(acksIn(viewer.sent)).toEqual([]);
      expect(room.droppedReadOnlyUpdates).toBe(3);
      await manager.close();
    });

    test("an honest client that edited offline and types before its step 2 is not closed (no 1007): the keystroke waits for the step 2, and so does its acknowledgement", async () => {
      const { manager } = heldManager();
      const id = await backend.createDocument();
      const peer = new AckPeer("editor");
      const room = (await manager.connect(id, peer))!;
      const client = new Y.Doc();
      client.getText("t").insert(0, "offline "); // made while offline, not sent yet
      const typed: Uint8Array[] = [];
      client.on("update", (u: Uint8Array) => typed.push(u));
      client.getText("t").insert(8, "typed"); // right after the socket opened: depends on the offline edit
      room.handleMessage(peer, syncUpdateMessage(typed[0]));
      await tick(100);
      expect(peer.closed).toBeUndefined();
      expect(acksIn(peer.sent)).toEqual([]); // held: nothing of it is stored yet
      const stepTwo = new Uint8Array([0, 1, ...varBytes(Y.encodeStateAsUpdate(client, room.stateVector()))]);
      room.handleMessage(peer, stepTwo);
      expect(peer.closed).toBeUndefined();
      expect(room.doc.getText("t").toString()).toBe("offline typed");
      await until(() => acksIn(peer.sent).at(-1) === 2, 5_000, "both frames acknowledged");
      expect(await rowsOf(id)).toBeGreaterThan(0);
      // A peer whose update stays incomplete after its step 2 is still refused.
      const liar = new AckPeer("liar");
      await manager.connect(id, liar);
      const other = new Y.Doc();
      other.getText("t").insert(0, "never sent ");
      const later: Uint8Array[] = [];
      other.on("update", (u: Uint8Array) => later.push(u));
      other.getText("t").insert(11, "x");
      room.handleMessage(liar, syncUpdateMessage(later[0]));
      expect(liar.closed).toBeUndefined();
      room.handleMessage(liar, new Uint8Array([0, 1, ...varBytes(Y.encodeStateAsUpdate(new Y.Doc()))]));
      expect(liar.closed?.code).toBe(1007);
      expect(room.doc.getText("t").toString()).toBe("offline typed");
      await manager.close();
    });

    test("a failed write is never acknowledged: the document's acknowledgements stop", async () => {
      const { manager } = heldManager();
      const id = await backend.createDocument();
      const peer = new AckPeer("editor");
      const room = (await manager.connect(id, peer))!;
      for (const f of keystrokes(2)) room.handleMessage(peer, f);
      await until(() => acksIn(peer.sent).at(-1) === 2, 5_000, "first two");
      await backend.db.document.delete({ where: { id } }); // its next rows cannot be written
      for (const f of keystrokes(2)) room.handleMessage(peer, f);
      await tick(200);
      expect(acksIn(peer.sent)).toEqual([2]);
      await manager.close();
    });
  });
}

roomSuite("SQLite", openSqliteBackend);
roomSuite("PostgreSQL", openPostgresBackend, !postgresAvailable);

describe("durable acks over real sockets", () => {
  let server: TestServer;
  let collabUrl: string;
  const tokens = { owner: "", viewer: "" };
  const sessions: Session[] = [];
  let documentId = "";

  beforeAll(async () => {
    server = await startTestServer();
    collabUrl = `${server.url.replace(/^http/, "ws")}/collab`;
    const owner = new ApiClient(server.url);
    await owner.signup("Owner");
    tokens.owner = (await owner.post("/api/tokens", { name: "acks" })).body.token.token;
    const viewer = new ApiClient(server.url);
    await viewer.signup("Viewer");
    tokens.viewer = (await viewer.post("/api/tokens", { name: "acks" })).body.token.token;
    documentId = (await owner.post("/api/documents", { title: "Acks" })).body.id;
    const email = (await viewer.get("/api/me")).body.user.email;
    expect((await owner.post(`/api/documents/${documentId}/members`, { email, role: "viewer" })).status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    sessions.forEach(closeSession);
    await server?.stop();
  });

  const rowTexts = async () => {
    const rows = await server.services.db.documentUpdate.findMany({ where: { documentId } });
    const doc = new Y.Doc();
    const snapshot = (await server.services.db.document.findUniqueOrThrow({ where: { id: documentId } })).snapshot;
    if (snapshot) Y.applyUpdate(doc, snapshot);
    for (const r of rows) Y.applyUpdate(doc, r.data);
    return doc.getText("t").toString();
  };

  test("a client with ?ack=1 is acknowledged for its typing, and what is acknowledged is in the database", async () => {
    const raw = openRaw(`${collabUrl}/${documentId}?token=${tokens.owner}&ack=1`);
    await raw.opened;
    raw.ws.send(syncStep1Message(new Y.Doc()));
    const frames = keystrokes(50);
    for (const f of frames) raw.ws.send(f);
    await until(() => acksIn(raw.messages).at(-1) === 50, 10_000, "50 acknowledged");
    expect(await rowTexts()).toBe("k".repeat(50));
    expect(acksIn(raw.messages).length).toBeLessThan(50);
    raw.ws.close();
  });

  test("without ?ack=1 (a raw socket, and the stock y-websocket provider) no acknowledgement is sent, and the provider syncs as before", async () => {
    const raw = openRaw(`${collabUrl}/${documentId}?token=${tokens.owner}`);
    await raw.opened;
    for (const f of keystrokes(10)) raw.ws.send(f);
    const stock = openProvider(collabUrl, documentId, tokens.owner);
    sessions.push(stock);
    const unknown: number[] = [];
    stock.provider.on("status", () => {
      stock.provider.ws?.addEventListener("message", (e: MessageEvent) => {
        const type = decoding.readVarUint(decoding.createDecoder(new Uint8Array(e.data as ArrayBuffer)));
        if (type > 3) unknown.push(type);
      });
    });
    await synced(stock);
    stock.doc.getText("t").insert(0, "stock ");
    await until(async () => (await rowTexts()).startsWith("stock "), 10_000, "the stock client's edit stored");
    await tick(300);
    expect(acksIn(raw.messages)).toEqual([]);
    expect(unknown).toEqual([]);
    raw.ws.close();
  });

  test("a viewer that asks gets none: its frames are dropped", async () => {
    const raw = openRaw(`${collabUrl}/${documentId}?token=${tokens.viewer}&ack=1`);
    await raw.opened;
    for (const f of keystrokes(5)) raw.ws.send(f);
    raw.ws.send(barrierFrame());
    await tick(500);
    expect(acksIn(raw.messages)).toEqual([]);
    expect(await rowTexts()).not.toContain("kkkkk" + "kkkkk".repeat(20)); // nothing of the viewer's stored
    raw.ws.close();
  });
});
