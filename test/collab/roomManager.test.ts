// RoomManager + DocumentStore on a real SQLite file: loading, group commit, compaction, unload, presence.
import { afterAll, beforeAll, expect, test } from "vitest";
import * as Y from "yjs";
import { CloseCode } from "../../lib/collab/closeCodes";
import { LocalEventBus } from "../../server/bus/bus";
import { followAccessChanges } from "../../server/collab/accessEvents";
import { DocumentStore } from "../../server/collab/DocumentStore";
import { RoomManager } from "../../server/collab/RoomManager";
import { defaultCollabOptions, type CollabOptions } from "../../server/collab/limits";
import { documentText } from "../../server/collab/documentText";
import { syncUpdateMessage } from "../../server/collab/messages";
import { malformedUpdate } from "../../server/collab/safeUpdates";
import { FakeClient, FakePeer, appendParagraph } from "./fakes";
import { halfwayUpdates, prng } from "./hostile/generators";
import { openTestDb, silentLog, type TestDb } from "./testDb";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => t?.close());

function setup(overrides: Partial<CollabOptions> = {}) {
  const options = { ...defaultCollabOptions, unloadDelayMs: 0, ...overrides };
  const store = new DocumentStore(t.db, silentLog, options);
  const touched: string[] = [];
  const manager = new RoomManager(store, options, { touch: async (ids) => void touched.push(...ids), log: silentLog });
  return { store, manager, touched };
}

const until = async (check: () => boolean | Promise<boolean>, timeoutMs = 5_000) => {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
};

const logRows = (documentId: string) => t.db.documentUpdate.count({ where: { documentId } });

test("edits are group-committed, then compacted into the snapshot when the room unloads", async () => {
  const { manager, store, touched } = setup({ groupCommitMs: 15 });
  const id = await t.createDocument();
  const room = (await manager.connect(id, new FakePeer("x")))!;
  const a = new FakeClient(room, "alice").connect();
  for (let i = 0; i < 50; i++) appendParagraph(a.doc, `line ${i}`);
  expect(store.stats.batches).toBe(0); // nothing written synchronously: no per-keystroke round trip
  await until(() => store.stats.updatesWritten === 50);
  expect(store.stats.batches).toBeLessThanOrEqual(2);
  expect(await logRows(id)).toBe(50); // one row per update, folded in at compaction
  expect(store.stats.maxBatchSize).toBeGreaterThanOrEqual(25);
  await until(() => touched.length > 0); // batched: within a second
  expect(touched).toEqual([id]); // rate-limited: once for 50 edits

  for (const peer of [...room.peersOf("alice"), ...room.peersOf("x")]) room.leave(peer);
  await until(() => !manager.isOpen(id));
  await until(async () => (await logRows(id)) === 0);
  const row = await t.db.document.findUniqueOrThrow({ where: { id } });
  expect(row.snapshot?.byteLength).toBeGreaterThan(0);
  expect(store.stats.compactions).toBe(1);

  // Reloaded from the snapshot alone.
  expect(await manager.read(id, (doc) => documentText(doc).split("\n").length)).toBe(50);
  a.destroy();
  await manager.close();
});

test("the log is compacted while the room is open once it passes the threshold", async () => {
  const { manager, store } = setup({ compactAfterUpdates: 10, compactMinIntervalMs: 0, groupCommitMs: 1 });
  const id = await t.createDocument();
  const room = (await manager.connect(id, new FakePeer("x")))!;
  const a = new FakeClient(room, "alice").connect();
  for (let i = 0; i < 25; i++) {
    appendParagraph(a.doc, `p${i}`);
    await new Promise((r) => setTimeout(r, 2));
  }
  await store.flush();
  await until(() => store.stats.compactions >= 2);
  await store.flush();
  expect(await logRows(id)).toBeLessThan(10);
  // Snapshot + remaining log still hold everything.
  const loaded = await store.load(id);
  const { Doc, applyUpdate } = await import("yjs");
  const doc = new Doc();
  for (const update of loaded!.updates) applyUpdate(doc, update);
  expect(documentText(doc).split("\n")).toHaveLength(25);
  a.destroy();
  await manager.close();
});

test("a document being edited is compacted at most once per interval, unless its log grows ten times the threshold", async () => {
  const { manager, store } = setup({ compactAfterUpdates: 10, compactMinIntervalMs: 60_000, groupCommitMs: 1 });
  const id = await t.createDocument();
  const room = (await manager.connect(id, new FakePeer("x")))!;
  const a = new FakeClient(room, "alice").connect();
  const type = async (n: number) => {
    for (let i = 0; i < n; i++) {
      appendParagraph(a.doc, `p${i}`);
      await new Promise((r) => setImmediate(r));
    }
    await new Promise((r) => setTimeout(r, 20));
    await store.flush();
  };
  await type(15);
  expect(store.stats.compactions).toBe(1); // the first is due at 10 updates
  await type(60);
  expect(store.stats.compactions).toBe(1); // 60 more, but within the interval
  await type(45);
  expect(store.stats.compactions).toBe(2); // the log reached 100 rows: compacted anyway
  a.destroy();
  await manager.close();
});

test("a deleted document closes its peers with 4404 and is never written again", async () => {
  const { manager, store } = setup({ groupCommitMs: 50 });
  const id = await t.createDocument();
  const room = (await manager.connect(id, new FakePeer("x")))!;
  const a = new FakeClient(room, "alice").connect();
  appendParagraph(a.doc, "queued but doomed");
  await t.db.document.delete({ where: { id } });
  manager.drop(id);
  expect(a.peer.closed?.code).toBe(CloseCode.DocumentDeleted);
  expect(manager.isOpen(id)).toBe(false);
  await new Promise((r) => setTimeout(r, 80));
  await store.flush();
  expect(store.stats.writeErrors).toBe(0);
  expect(await logRows(id)).toBe(0);
  expect(await manager.connect(id, new FakePeer("y"))).toBeNull();
  a.destroy();
  await manager.close();
});

test("shutdown says GoingAway, compacts and commits", async () => {
  const { manager, store } = setup({ groupCommitMs: 1_000, unloadDelayMs: 60_000 });
  const id = await t.createDocument();
  const room = (await manager.connect(id, new FakePeer("x")))!;
  const a = new FakeClient(room, "alice").connect();
  appendParagraph(a.doc, "just before shutdown");
  await manager.close();
  expect(a.peer.closed?.code).toBe(CloseCode.GoingAway);
  const fresh = setup();
  expect(await fresh.manager.read(id, (doc) => documentText(doc))).toBe("just before shutdown");
  expect(store.stats.compactions).toBe(1);
  a.destroy();
  await fresh.manager.close();
});

test("concurrent first connections load the room once", async () => {
  const { manager } = setup({ unloadDelayMs: 60_000 });
  const id = await t.createDocument();
  const peers = Array.from({ length: 5 }, (_, i) => new FakePeer(`u${i}`));
  const rooms = await Promise.all(peers.map((p) => manager.connect(id, p)));
  expect(new Set(rooms).size).toBe(1);
  expect(rooms[0]!.peerCount).toBe(5);
  await manager.close();
});

test("presence hears every join and every leave: leaving, a drop, a reload, shutdown", async () => {
  const events: string[] = [];
  const options = { ...defaultCollabOptions, unloadDelayMs: 60_000 };
  const store = new DocumentStore(t.db, silentLog, options);
  const manager = new RoomManager(store, options, {
    touch: async () => {},
    log: silentLog,
    presence: {
      joined: (documentId, peer) => events.push(`+${peer.userId}@${documentId}`),
      left: (documentId, peer) => events.push(`-${peer.userId}@${documentId}`),
    },
  });
  const [one, two, three] = [await t.createDocument(), await t.createDocument(), await t.createDocument()];
  const a = new FakePeer("a");
  const b = new FakePeer("b");
  const room = (await manager.connect(one, a))!;
  await manager.connect(one, b);
  expect(events.splice(0)).toEqual([`+a@${one}`, `+b@${one}`]);
  room.leave(a);
  room.leave(a); // idempotent: one leave per join
  room.disconnect(b, CloseCode.Forbidden, "gone");
  expect(events.splice(0)).toEqual([`-a@${one}`, `-b@${one}`]);

  // A dropped (deleted) document's peers go with it.
  await manager.connect(two, new FakePeer("c"));
  manager.drop(two);
  expect(events.splice(0)).toEqual([`+c@${two}`, `-c@${two}`]);

  // A reload (an update that broke halfway) closes everyone: the sender and the bystander both leave.
  const source = new Y.Doc();
  appendParagraph(source, "Stored text.");
  const base = Y.encodeStateAsUpdate(source);
  await t.db.documentUpdate.create({ data: { documentId: three, data: new Uint8Array(base) } });
  const [breaking] = halfwayUpdates(base, prng(3), 1, true, (u) => malformedUpdate(u) !== null);
  const sender = new FakePeer("d");
  const reloaded = (await manager.connect(three, sender))!;
  await manager.connect(three, new FakePeer("e"));
  events.length = 0;
  reloaded.handleMessage(sender, syncUpdateMessage(breaking));
  expect(manager.reloads).toBe(1);
  expect(events).toEqual([`-d@${three}`, `-e@${three}`]);

  // Shutdown says goodbye to whoever is left.
  await manager.connect(one, new FakePeer("f"));
  events.length = 0;
  await manager.close();
  expect(events).toEqual([`-f@${one}`]);
});

test("the bus's access changes move the manager's epoch (membership, deletion); a deletion drops the room; other events do not", async () => {
  const { manager } = setup({ unloadDelayMs: 60_000 });
  const bus = new LocalEventBus();
  const stop = followAccessChanges(bus, manager);
  const id = await t.createDocument();
  const peer = new FakePeer("a");
  await manager.connect(id, peer);
  const epoch = manager.accessEpoch;
  await bus.publish({ type: "announcements.changed" });
  expect(manager.accessEpoch).toBe(epoch);
  await bus.publish({
    type: "membership.changed",
    documentId: id,
    title: "T",
    userId: "b",
    role: "viewer",
    previousRole: null,
    byUserId: "a",
    byUserName: "A",
  });
  expect(manager.accessEpoch).toBe(epoch + 1);
  expect(manager.isOpen(id)).toBe(true);
  await bus.publish({ type: "document.deleted", documentId: id, title: "T", userIds: ["a"], byUserId: "a" });
  expect(manager.accessEpoch).toBe(epoch + 2);
  expect(manager.isOpen(id)).toBe(false);
  expect(peer.closed?.code).toBe(CloseCode.DocumentDeleted);
  stop();
  await manager.close();
});

test("a document deleted while its room loads never opens; one unloading is committed before it is read again", async () => {
  const { manager, store } = setup({ unloadDelayMs: 0 });
  const id = await t.createDocument();
  const connecting = manager.connect(id, new FakePeer("a")); // loading from here on
  manager.drop(id);
  expect(await connecting).toBeNull();
  expect(manager.isOpen(id)).toBe(false);

  const other = await t.createDocument();
  const order: string[] = [];
  const { compact, load } = { compact: store.compact.bind(store), load: store.load.bind(store) };
  // A slow disk: the compaction commits 50 ms after it was asked for.
  store.compact = (documentId, state) => new Promise((r) => setTimeout(r, 50)).then(() => compact(documentId, state)).finally(() => order.push("compacted"));
  store.load = (documentId) => (order.push("load"), load(documentId));
  const room = (await manager.connect(other, new FakePeer("x")))!;
  const a = new FakeClient(room, "alice").connect();
  appendParagraph(a.doc, "written while unloading");
  for (const peer of [...room.peersOf("alice"), ...room.peersOf("x")]) room.leave(peer);
  await until(() => !manager.isOpen(other)); // unloading until the compaction committed
  expect(await manager.read(other, (doc) => documentText(doc))).toBe("written while unloading");
  expect(order).toEqual(["load", "compacted", "load"]); // read again only once the compaction committed
  a.destroy();
  await manager.close();
});
