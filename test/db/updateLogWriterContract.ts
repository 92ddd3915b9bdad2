// What every UpdateLogWriter promises DocumentStore, written once and run against each implementation
// (as tldraw's storageContractSuite): rows kept byte for byte and in order, one append one transaction,
// documents written side by side, compaction exact, close final, big updates intact, and the durable
// signal (DocumentStore.onStored) given only once the writer's append has committed.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { DocumentStore } from "../../server/collab/DocumentStore";
import { defaultCollabOptions } from "../../server/collab/limits";
import type { UpdateLogWriter } from "../../server/db/updateLogWriter";
import { silentLog } from "../collab/testDb";
import type { Backend } from "./writerBackends";

const bytes = (s: string) => new Uint8Array(Buffer.from(s));

/** A Yjs text typed one character at a time: its updates, and the state they add up to. */
function typing(chars: number, prefix = "x") {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < chars; i++) doc.getText("t").insert(i, prefix);
  return { doc, updates, text: doc.getText("t").toString() };
}

const textOf = (parts: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const part of parts) Y.applyUpdate(doc, part);
  return doc.getText("t").toString();
};

export function updateLogWriterContract(
  name: string,
  makeWriter: (backend: Backend) => UpdateLogWriter,
  { open, skip = false }: { open: () => Promise<Backend>; skip?: boolean },
): void {
  describe.skipIf(skip)(`UpdateLogWriter contract: ${name}`, () => {
    let backend: Backend;
    const made: UpdateLogWriter[] = [];
    beforeAll(async () => {
      backend = await open();
    }, 120_000);
    afterAll(async () => {
      for (const writer of made) await writer.close();
      await backend?.close();
    });

    const writer = () => {
      const w = makeWriter(backend);
      made.push(w);
      return w;
    };
    const rows = async (documentId: string) => (await backend.db.documentUpdate.findMany({ where: { documentId }, orderBy: { id: "asc" } })).map((r) => r.data);
    const rowText = async (documentId: string) => (await rows(documentId)).map((d) => Buffer.from(d).toString());
    const snapshot = async (documentId: string) => (await backend.db.document.findUniqueOrThrow({ where: { id: documentId } })).snapshot;

    test("rows are stored byte for byte and in order, across appends", async () => {
      const w = writer();
      const [a, b] = [await backend.createDocument(), await backend.createDocument()];
      // Views into one bigger buffer, as Yjs and ws hand them out: only each view's bytes are stored.
      const shared = bytes("xxa1a2b1yy");
      await w.append([
        { documentId: a, data: shared.subarray(2, 4) },
        { documentId: b, data: shared.subarray(6, 8) },
        { documentId: a, data: shared.subarray(4, 6) },
        { documentId: a, data: new Uint8Array(0) },
      ]);
      await w.append([{ documentId: a, data: bytes("a3") }]);
      await w.append([]);
      expect(await rowText(a)).toEqual(["a1", "a2", "", "a3"]);
      expect(await rowText(b)).toEqual(["b1"]);
    });

    test("one append is one transaction: a batch naming a deleted document stores none of it, and the writer goes on", async () => {
      const w = writer();
      const [a, gone] = [await backend.createDocument(), await backend.createDocument()];
      await backend.db.document.delete({ where: { id: gone } });
      const batch = [
        { documentId: a, data: bytes("before") },
        { documentId: gone, data: bytes("orphan") },
        { documentId: a, data: bytes("after") },
      ];
      await expect(w.append(batch)).rejects.toThrow();
      expect(await rowText(a)).toEqual([]);
      await w.append([{ documentId: a, data: bytes("next") }]);
      expect(await rowText(a)).toEqual(["next"]);
    });

    test("documents written side by side each keep their own order", async () => {
      const w = writer();
      const docs = await Promise.all(Array.from({ length: 6 }, () => backend.createDocument()));
      await Promise.all(
        docs.map(async (documentId) => {
          for (let i = 0; i < 5; i++)
            await w.append([
              { documentId, data: bytes(`${i}a`) },
              { documentId, data: bytes(`${i}b`) },
            ]);
        }),
      );
      for (const documentId of docs) expect(await rowText(documentId)).toEqual([0, 1, 2, 3, 4].flatMap((i) => [`${i}a`, `${i}b`]));
    });

    test("compaction replaces the log by the state, leaves the caller's bytes alone, and skips a deleted document", async () => {
      const w = writer();
      const [a, b] = [await backend.createDocument(), await backend.createDocument()];
      const history = typing(20);
      await w.append(history.updates.map((data) => ({ documentId: a, data })));
      await w.append([{ documentId: b, data: bytes("b1") }]);
      const state = Y.encodeStateAsUpdate(history.doc);
      const copy = state.slice();
      await w.compact(a, state);
      expect(state).toEqual(copy); // the caller's bytes were not taken away
      expect(await rows(a)).toEqual([]);
      expect(textOf([(await snapshot(a))!])).toBe(history.text);
      expect(await rowText(b)).toEqual(["b1"]);

      await backend.db.document.delete({ where: { id: b } });
      await w.compact(b, state); // deleted meanwhile: nothing written, no error
      expect(await backend.db.document.findUnique({ where: { id: b } })).toBeNull();
    });

    test("group commit: a store over this writer commits a burst in batches of at most maxBatchUpdates, in order", async () => {
      const store = new DocumentStore(backend.db, silentLog, { ...defaultCollabOptions, groupCommitMs: 5, maxBatchUpdates: 10 }, undefined, writer());
      const id = await backend.createDocument();
      const history = typing(35);
      for (const u of history.updates) store.append(id, u); // in one tick: cut at 10, 20, 30, then the timer
      await store.flush();
      expect(store.stats.batches).toBe(4);
      expect(store.stats.maxBatchSize).toBe(10);
      expect(store.stats.updatesWritten).toBe(35);
      expect((await rows(id)).map((d) => new Uint8Array(d))).toEqual(history.updates.map((u) => new Uint8Array(u)));
      await store.close();
    });

    test("a compaction behind a long backlog still leaves no log rows: every update it contains was written first", async () => {
      const store = new DocumentStore(backend.db, silentLog, { ...defaultCollabOptions, groupCommitMs: 1, maxBatchUpdates: 10 }, undefined, writer());
      const id = await backend.createDocument();
      const doc = new Y.Doc();
      doc.on("update", (u: Uint8Array) => store.append(id, u));
      doc.getText("t").insert(0, "x");
      void store.flush();
      await new Promise((r) => setImmediate(r)); // that first update is now being written...
      for (let i = 1; i < 300; i++) doc.getText("t").insert(i, "x"); // ...and 299 more pile up behind it
      void store.compact(id, Y.encodeStateAsUpdate(doc));
      doc.getText("t").insert(0, "after"); // belongs in the log, after the snapshot
      await store.close();
      expect(await rows(id)).toHaveLength(1);
      expect(textOf((await store.load(id))!.updates)).toBe("after" + "x".repeat(300));
    });

    test("durable signal: after the commit, never before, once per document and batch, with its last update's number", async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const real = writer();
      // The real writer, held at the door: its append starts only once the test opens the gate.
      const held: UpdateLogWriter = { ...real, append: async (batch) => (await gate, real.append(batch)) };
      const store = new DocumentStore(backend.db, silentLog, { ...defaultCollabOptions, groupCommitMs: 1, maxBatchUpdates: 100 }, undefined, held);
      const [a, b] = [await backend.createDocument(), await backend.createDocument()];
      const told: Array<{ documentId: string; seq: number; stored: boolean; rows: Promise<number> }> = [];
      store.onStored = (documentId, seq, stored) => told.push({ documentId, seq, stored, rows: rows(documentId).then((r) => r.length) });
      const seqs = [store.append(a, bytes("a1")), store.append(b, bytes("b1")), store.append(a, bytes("a2"))];
      expect(seqs[1]).toBeGreaterThan(seqs[0]);
      expect(seqs[2]).toBeGreaterThan(seqs[1]);
      const flushed = store.flush();
      await new Promise((r) => setTimeout(r, 50));
      expect(told).toEqual([]); // not committed yet: nothing said
      release();
      await flushed;
      expect(told.map(({ documentId, seq, stored }) => ({ documentId, seq, stored }))).toEqual([
        { documentId: a, seq: seqs[2], stored: true },
        { documentId: b, seq: seqs[1], stored: true },
      ]);
      // When it was said, another reader already saw the rows.
      expect(await Promise.all(told.map((t) => t.rows))).toEqual([2, 1]);
      await store.close();
    });

    test("durable signal: a document whose rows failed is told so, the others of the batch are told stored", async () => {
      const store = new DocumentStore(backend.db, silentLog, { ...defaultCollabOptions, groupCommitMs: 1, maxBatchUpdates: 100 }, undefined, writer());
      const [a, gone] = [await backend.createDocument(), await backend.createDocument()];
      await backend.db.document.delete({ where: { id: gone } });
      const told: Array<[string, number, boolean]> = [];
      store.onStored = (documentId, seq, stored) => told.push([documentId, seq, stored]);
      const sa = store.append(a, bytes("kept"));
      const sg = store.append(gone, bytes("orphan"));
      await store.flush();
      expect(told).toContainEqual([a, sa, true]);
      expect(told).toContainEqual([gone, sg, false]);
      expect(told.filter(([, , stored]) => stored).map(([d]) => d)).toEqual([a]);
      expect(await rowText(a)).toEqual(["kept"]);
      await store.close();
    });

    test("close is final: what came before is stored, later writes reject, closing again is harmless", async () => {
      const w = writer();
      const id = await backend.createDocument();
      await w.append([{ documentId: id, data: bytes("kept") }]);
      await w.close();
      expect(await rowText(id)).toEqual(["kept"]);
      await expect(w.append([{ documentId: id, data: bytes("late") }])).rejects.toThrow(/closed/);
      await expect(w.compact(id, Y.encodeStateAsUpdate(new Y.Doc()))).rejects.toThrow(/closed/);
      await w.close();
      expect(await rowText(id)).toEqual(["kept"]);
    });

    test("big updates: an 8 MiB row, 5,000 rows in one append, and a 2 MiB document compacted", { timeout: 60_000 }, async () => {
      const w = writer();
      const [a, b, c] = [await backend.createDocument(), await backend.createDocument(), await backend.createDocument()];
      const big = new Uint8Array(crypto.randomBytes(8 * 1024 * 1024));
      await w.append([{ documentId: a, data: big }]);
      const [stored] = await rows(a);
      expect(Buffer.from(stored).equals(Buffer.from(big))).toBe(true);

      const many = Array.from({ length: 5_000 }, (_, i) => ({ documentId: b, data: bytes(`row ${i}`) }));
      await w.append(many);
      const text = await rowText(b);
      expect(text).toHaveLength(5_000);
      expect(text.every((t, i) => t === `row ${i}`)).toBe(true);

      const doc = new Y.Doc();
      doc.getText("t").insert(0, "y".repeat(2 * 1024 * 1024));
      await w.append([{ documentId: c, data: Y.encodeStateAsUpdate(doc) }]);
      await w.compact(c, Y.encodeStateAsUpdate(doc));
      expect(await rows(c)).toEqual([]);
      expect(textOf([(await snapshot(c))!])).toHaveLength(2 * 1024 * 1024);
    });
  });
}
