// Loading never fails because of one bad stored row: it is set aside in QuarantinedUpdate with the
// reason (kept, logged, counted), the rest opens, and the log is compacted so the next load is clean.
import * as Y from "yjs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { DocumentStore } from "../../../server/collab/DocumentStore";
import { RoomManager } from "../../../server/collab/RoomManager";
import { defaultCollabOptions } from "../../../server/collab/limits";
import { documentText } from "../../../server/collab/documentText";
import { CloseCode } from "../../../lib/collab/closeCodes";
import { syncUpdateMessage } from "../../../server/collab/messages";
import { malformedUpdate } from "../../../server/collab/safeUpdates";
import { FakePeer, appendParagraph } from "../fakes";
import { openTestDb, silentLog, type TestDb } from "../testDb";
import { danglingUpdate, halfwayUpdates, mutate, prng } from "./generators";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => t?.close());

const options = { ...defaultCollabOptions, unloadDelayMs: 0 };
const newManager = () => {
  const store = new DocumentStore(t.db, silentLog, options);
  return { store, manager: new RoomManager(store, options, { touch: async () => {}, log: silentLog }) };
};

/** Updates of a Tiptap-like document: two paragraphs typed by one client. */
function goodUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  for (const line of ["First paragraph.", "Second paragraph."]) {
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText(line)]);
    doc.getXmlFragment("default").push([p]);
  }
  doc.destroy();
  return updates;
}

/** A bit-flipped copy of `update` that does not decode (the class that used to be applied halfway). */
function undecodable(update: Uint8Array, seed: number): Uint8Array {
  const rnd = prng(seed);
  for (;;) {
    const candidate = mutate(update, rnd);
    try {
      Y.decodeUpdate(candidate);
    } catch {
      return candidate;
    }
  }
}

test("a document with garbage, half-applying and dangling rows in its log opens with everything else, and they are kept aside (a little waiting for dependencies may stay)", async () => {
  const id = await t.createDocument();
  const [first, second] = goodUpdates();
  const rows = [
    first,
    new Uint8Array([0xff, 0xff, 0xff, 0x01]),
    undecodable(second, 9),
    second,
    danglingUpdate(prng(1), 1_200_000),
    danglingUpdate(prng(2), 100),
  ];
  for (const data of rows) await t.db.documentUpdate.create({ data: { documentId: id, data: new Uint8Array(data) } });

  const { manager, store } = newManager();
  const peer = new FakePeer("owner");
  const room = await manager.connect(id, peer);
  expect(room).not.toBeNull();
  expect(documentText(room!.doc)).toContain("First paragraph.");
  expect(documentText(room!.doc)).toContain("Second paragraph.");
  room!.leave(peer);
  await manager.close();
  expect(store.stats.quarantined).toBe(3);

  const kept = await t.db.quarantinedUpdate.findMany({ where: { documentId: id }, orderBy: { id: "asc" } });
  expect(kept.map((k) => k.source)).toEqual(["log", "log", "pending"]);
  expect(kept[0].reason).toMatch(/does not decode/);
  expect(Buffer.from(kept[0].data).equals(Buffer.from(rows[1]))).toBe(true); // the bytes are kept as they were
  // Compacted: the clean state is the snapshot, the log is empty, and the next load sets nothing aside.
  expect(await t.db.documentUpdate.count({ where: { documentId: id } })).toBe(0);
  const again = newManager();
  const text = await again.manager.read(id, (doc) => documentText(doc));
  expect(text).toContain("Second paragraph.");
  await again.manager.close();
  expect(again.store.stats.quarantined).toBe(0);
});

test("a snapshot that does not load is set aside and the log after it still opens", async () => {
  const id = await t.createDocument();
  const [first] = goodUpdates();
  await t.db.document.update({ where: { id }, data: { snapshot: new Uint8Array([0x05, 0xff, 0x00, 0x13]) } });
  await t.db.documentUpdate.create({ data: { documentId: id, data: new Uint8Array(first) } });
  const { manager, store } = newManager();
  const text = await manager.read(id, (doc) => documentText(doc));
  expect(text).toContain("First paragraph.");
  await manager.close();
  expect(store.stats.quarantined).toBe(1);
  const kept = await t.db.quarantinedUpdate.findMany({ where: { documentId: id } });
  expect(kept.map((k) => k.source)).toEqual(["snapshot"]);
});

test("an update that breaks the room's copy halfway: everyone else reconnects to the stored state, the sender is refused for a while", async () => {
  const id = await t.createDocument();
  const source = new Y.Doc();
  appendParagraph(source, "Alice's text.");
  const base = Y.encodeStateAsUpdate(source);
  await t.db.documentUpdate.create({ data: { documentId: id, data: new Uint8Array(base) } });
  const [breaking] = halfwayUpdates(base, prng(3), 1, true, (u) => malformedUpdate(u) !== null);
  const { manager } = newManager();
  const alice = new FakePeer("alice");
  const mallory = new FakePeer("mallory");
  const room = (await manager.connect(id, alice))!;
  await manager.connect(id, mallory);
  const before = documentText(room.doc);
  room.handleMessage(mallory, syncUpdateMessage(breaking));
  expect(mallory.closed?.code).toBe(CloseCode.ChangeRefused);
  expect(alice.closed?.code).toBe(CloseCode.Reloading);
  expect(manager.reloads).toBe(1);
  const again = (await manager.connect(id, new FakePeer("alice")))!;
  expect(again).not.toBe(room);
  expect(documentText(again.doc)).toBe(before);
  const retry = new FakePeer("mallory");
  expect(await manager.connect(id, retry)).toBeNull();
  expect(retry.closed?.code).toBe(CloseCode.ChangeRefused);
  await manager.close();
});
