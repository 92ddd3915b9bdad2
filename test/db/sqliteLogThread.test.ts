// The SQLite update log written from a worker thread, on a real SQLite file migrated like the server's.
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import * as Y from "yjs";
import { sqliteThreadUpdateLogWriter } from "../../server/db/sqliteLogThread";
import { DocumentStore } from "../../server/collab/DocumentStore";
import { defaultCollabOptions } from "../../server/collab/limits";
import type { UpdateLogWriter, UpdateRow } from "../../server/db/updateLogWriter";
import { openTestDb, silentLog, type TestDb } from "../collab/testDb";

let t: TestDb;
let file: string;
beforeAll(async () => {
  t = await openTestDb();
  file = path.join(t.dataDir, "tandem.db");
});
afterAll(async () => t?.close());

const rowsOf = async (documentId: string) =>
  (await t.db.documentUpdate.findMany({ where: { documentId }, orderBy: { id: "asc" } })).map((r) => Buffer.from(r.data).toString());
const bytes = (s: string) => new Uint8Array(Buffer.from(s));

test("appends rows byte for byte and in order, compacts exactly, and skips a deleted document", async () => {
  expect(file).toMatch(/tandem\.db$/);
  const writer = sqliteThreadUpdateLogWriter(file);
  const [a, b] = [await t.createDocument(), await t.createDocument()];
  // Views into one bigger buffer, as Yjs and ws hand them out: only each view's bytes are stored.
  const shared = bytes("xxa1a2b1yy");
  await writer.append([
    { documentId: a, data: shared.subarray(2, 4) },
    { documentId: b, data: shared.subarray(6, 8) },
    { documentId: a, data: shared.subarray(4, 6) },
    { documentId: a, data: new Uint8Array(0) },
  ]);
  expect(await rowsOf(a)).toEqual(["a1", "a2", ""]);
  expect(await rowsOf(b)).toEqual(["b1"]);

  const state = bytes("snapshot of a");
  await writer.compact(a, state);
  expect(Buffer.from(state).toString()).toBe("snapshot of a"); // the caller's bytes were not taken away
  expect(await rowsOf(a)).toEqual([]);
  expect(await rowsOf(b)).toEqual(["b1"]);
  const row = await t.db.document.findUniqueOrThrow({ where: { id: a } });
  expect(Buffer.from(row.snapshot!).toString()).toBe("snapshot of a");

  await t.db.document.delete({ where: { id: b } });
  await writer.compact(b, bytes("too late")); // deleted meanwhile: nothing written, no error
  await expect(writer.append([{ documentId: b, data: bytes("orphan") }])).rejects.toThrow(/update log write failed/);
  await writer.close();
  await expect(writer.append([{ documentId: a, data: bytes("after close") }])).rejects.toThrow();
});

test("a store keeps every batch within maxBatchUpdates and flush() waits for all of them", async () => {
  const batches: number[] = [];
  let release!: () => void;
  let firstBatch: Promise<void> | null = new Promise((resolve) => (release = resolve));
  // A disk that is slow for the first batch: everything appended meanwhile piles up behind it.
  const slowDisk: UpdateLogWriter = {
    ready: async () => {},
    async append(rows: UpdateRow[]) {
      batches.push(rows.length);
      const wait = firstBatch;
      firstBatch = null;
      await wait;
    },
    async compact() {},
    async close() {},
  };
  const store = new DocumentStore(t.db, silentLog, { ...defaultCollabOptions, groupCommitMs: 1, maxBatchUpdates: 10 }, undefined, slowDisk);
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < 35; i++) doc.getText("t").insert(0, "x");

  store.append("d", updates[0]);
  await new Promise((r) => setTimeout(r, 10)); // the first batch (1 update) is now being written
  for (const u of updates.slice(1)) store.append("d", u);
  expect(store.stats.maxBacklog).toBe(35); // 34 waiting and the one being written
  const flushed = store.flush();
  release();
  await flushed;
  expect(batches).toEqual([1, 10, 10, 10, 4]);
  expect(store.stats.updatesWritten).toBe(35);
  await store.close();
});

test("a compaction behind a long backlog still leaves no log rows: every update it contains was written first", async () => {
  const writer = sqliteThreadUpdateLogWriter(file);
  const store = new DocumentStore(t.db, silentLog, { ...defaultCollabOptions, groupCommitMs: 1, maxBatchUpdates: 10 }, undefined, writer);
  const id = await t.createDocument();
  const doc = new Y.Doc();
  doc.on("update", (u: Uint8Array) => store.append(id, u));
  doc.getText("t").insert(0, "x");
  void store.flush();
  await new Promise((r) => setImmediate(r)); // that first update is now being written...
  for (let i = 1; i < 500; i++) doc.getText("t").insert(i, "x"); // ...and 499 more pile up behind it
  expect(store.stats.maxBacklog).toBe(500);
  void store.compact(id, Y.encodeStateAsUpdate(doc));
  doc.getText("t").insert(0, "after"); // belongs in the log, after the snapshot
  await store.close();
  expect(await rowsOf(id)).toHaveLength(1);
  const loaded = (await store.load(id))!;
  const copy = new Y.Doc();
  for (const update of loaded.updates) Y.applyUpdate(copy, update);
  expect(copy.getText("t").toString()).toBe("after" + "x".repeat(500));
});

test("a backlog past the high-water mark reports congestion once, and its end once it has halved", async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const slowDisk: UpdateLogWriter = { ready: async () => {}, append: () => gate, async compact() {}, async close() {} };
  const store = new DocumentStore(
    t.db,
    silentLog,
    { ...defaultCollabOptions, groupCommitMs: 1, maxBatchUpdates: 10, backlogHighWater: 20 },
    undefined,
    slowDisk,
  );
  const signals: boolean[] = [];
  store.onCongestion = (congested) => signals.push(congested);
  const update = new Uint8Array([0, 0]);
  for (let i = 0; i < 19; i++) store.append("d", update);
  expect(signals).toEqual([]);
  for (let i = 0; i < 30; i++) store.append("d", update);
  expect(signals).toEqual([true]); // once, at 20
  expect(store.stats.congestions).toBe(1);
  release();
  await store.flush();
  expect(signals).toEqual([true, false]);
  await store.close();
});
