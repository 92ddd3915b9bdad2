// Rooms must not leak: 1,000 open → (edit) → close → unload cycles of one document keep the heap flat and
// every unloaded room's Y.Doc becomes collectable.
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, expect, test } from "vitest";
import type * as Y from "yjs";
import { DocumentStore } from "../../server/collab/DocumentStore";
import { RoomManager } from "../../server/collab/RoomManager";
import { defaultCollabOptions } from "../../server/collab/limits";
import { FakeClient, appendParagraph } from "./fakes";
import { openTestDb, silentLog, type TestDb } from "./testDb";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => t?.close());

const CYCLES = 1_000;
const WARMUP = 100;
const EDIT_EVERY = 10;

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 10));
  }
  return process.memoryUsage().heapUsed;
}

test(`${CYCLES} open/close cycles of a room keep memory flat`, { timeout: 300_000 }, async () => {
  const options = { ...defaultCollabOptions, unloadDelayMs: 0, groupCommitMs: 1 };
  const store = new DocumentStore(t.db, silentLog, options);
  const manager = new RoomManager(store, options, { touch: async () => {}, log: silentLog });
  const id = await t.createDocument();
  const docs: WeakRef<Y.Doc>[] = [];

  async function cycle(i: number) {
    const room = (await manager.connect(id, { userId: "u", userName: "U", canWrite: true, send() {}, close() {} }))!;
    docs.push(new WeakRef(room.doc));
    const client = new FakeClient(room, "alice").connect();
    client.setPresence({ user: { name: `Alice ${i}` } });
    if (i % EDIT_EVERY === 0) appendParagraph(client.doc, `cycle ${i}`); // also exercises load, log and compaction
    for (const peer of [...room.peersOf("u"), ...room.peersOf("alice")]) room.leave(peer);
    client.destroy();
    while (manager.isOpen(id)) await new Promise((r) => setTimeout(r, 1));
  }

  for (let i = 0; i < WARMUP; i++) await cycle(i);
  docs.length = 0;
  const before = await settledHeap();
  for (let i = WARMUP; i < WARMUP + CYCLES; i++) await cycle(i);
  await store.flush();
  const after = await settledHeap();
  const alive = docs.filter((ref) => ref.deref() !== undefined).length;
  const growth = after - before;
  console.log(
    `[collab memory] ${CYCLES} cycles: heap ${(before / 1048576).toFixed(1)} MiB → ${(after / 1048576).toFixed(1)} MiB ` +
      `(${(growth / 1024).toFixed(0)} KiB, ${(growth / CYCLES).toFixed(0)} B/cycle); unloaded rooms still reachable: ${alive}; ` +
      `store: ${JSON.stringify(manager.stats().store)}`,
  );
  expect(manager.stats().rooms).toBe(0);
  expect(alive).toBeLessThanOrEqual(2); // the last room may still be referenced by a pending timer/closure
  expect(growth).toBeLessThan(4 * 1024 * 1024);
  // Every edit made along the way survived its room's unload and reload.
  expect(await manager.read(id, (doc) => doc.getXmlFragment("default").length)).toBe((WARMUP + CYCLES) / EDIT_EVERY);
  await manager.close();
});
