// DeletionRecorder writes a window's rows in one INSERT, and a document purged meanwhile costs only
// its own row: a real SQLite database (openTestDb), real Yjs updates with deletions.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { DeletionRecorder } from "../../server/history/deletionRecorder";
import { openTestDb, silentLog, type TestDb } from "../collab/testDb";

/** An update that deletes text (its delete set is what the recorder keeps). */
function deletingUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, "hello");
  let update: Uint8Array | null = null;
  doc.on("update", (u: Uint8Array) => (update = u));
  doc.getText("t").delete(0, 2);
  return update!;
}

describe("DeletionRecorder", () => {
  let t: TestDb;
  let accountId: string;
  beforeAll(async () => {
    t = await openTestDb();
    accountId = (await t.db.user.findFirstOrThrow()).id;
  }, 60_000);
  afterAll(async () => t?.close());

  test("windows of several documents are stored together, one row per document and account", async () => {
    const recorder = new DeletionRecorder(t.db, silentLog, 60_000);
    const [a, b] = [await t.createDocument(), await t.createDocument()];
    recorder.accepted(a, deletingUpdate(), accountId);
    recorder.accepted(a, deletingUpdate(), accountId);
    recorder.accepted(b, deletingUpdate(), accountId);
    await recorder.flush();
    const rows = await t.db.documentDeletion.findMany({ where: { documentId: { in: [a, b] } } });
    expect(rows.map((r) => r.documentId).sort()).toEqual([a, b].sort());
    // a's two updates (two Yjs clients of one account) are merged into its one row
    expect((await recorder.of(a))[0].deleteSet.clients.size).toBe(2);
  });

  test("a document purged before the window is written loses its row only", async () => {
    const recorder = new DeletionRecorder(t.db, silentLog, 60_000);
    const [kept, purged] = [await t.createDocument(), await t.createDocument()];
    recorder.accepted(kept, deletingUpdate(), accountId);
    recorder.accepted(purged, deletingUpdate(), accountId);
    await t.db.membership.deleteMany({ where: { documentId: purged } });
    await t.db.document.delete({ where: { id: purged } });
    await recorder.flush();
    expect(await t.db.documentDeletion.count({ where: { documentId: kept } })).toBe(1);
    expect(await t.db.documentDeletion.count({ where: { documentId: purged } })).toBe(0);
  });
});
