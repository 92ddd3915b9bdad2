// The group commit of DocumentStore: updates that arrive while a batch is being written wait for the
// window like any other, instead of being committed on their own as soon as the disk is free (which
// made a fast disk commit nearly every update alone under load). Real databases, a gate in front of the
// real writer so that "while a batch is being written" is a state the test holds, not a race.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DocumentStore } from "../../server/collab/DocumentStore";
import { defaultCollabOptions } from "../../server/collab/limits";
import { prismaUpdateLogWriter, type UpdateLogWriter } from "../../server/db/updateLogWriter";
import { openPostgresBackend, openSqliteBackend, postgresAvailable, type Backend } from "../db/writerBackends";
import { silentLog } from "./testDb";
import { until } from "./wsClients";

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
const update = (n: number) => new Uint8Array([0, 0, n]); // the store keeps bytes; it never parses them

function suite(name: string, open: () => Promise<Backend>, skip = false) {
  describe.skipIf(skip)(`group commit, ${name}`, () => {
    let backend: Backend;
    beforeAll(async () => {
      backend = await open();
    }, 120_000);
    afterAll(async () => backend?.close());

    function gatedStore(groupCommitMs: number) {
      let release: () => void = () => {};
      let gate = Promise.resolve();
      const real = prismaUpdateLogWriter(backend.db);
      const writer: UpdateLogWriter = { ...real, append: async (rows) => (await gate, real.append(rows)) };
      const stored: number[] = [];
      const store = new DocumentStore(backend.db, silentLog, { ...defaultCollabOptions, groupCommitMs }, undefined, writer);
      store.onStored = (_documentId, throughSeq) => stored.push(throughSeq);
      return {
        store,
        stored,
        hold: () => (gate = new Promise<void>((r) => (release = r))),
        release: () => release(),
      };
    }
    const rowsOf = (documentId: string) => backend.db.documentUpdate.count({ where: { documentId } });

    test("updates that arrive during a commit are not cut the moment it ends, but after their window", async () => {
      const { store, stored, hold, release } = gatedStore(60_000); // only flush() or a full batch cuts
      const id = await backend.createDocument();
      hold();
      store.append(id, update(1));
      const first = store.flush(); // the first batch is being written (held at the gate)
      store.append(id, update(2));
      store.append(id, update(3));
      release();
      await until(() => stored.length > 0, 5_000, "the first batch committed");
      await tick(100);
      expect(stored).toEqual([1]);
      expect(await rowsOf(id)).toBe(1); // 2 and 3 wait for their window instead of a commit of their own
      expect(store.stats.batches).toBe(1);
      await first;
      await store.flush();
      expect(stored).toEqual([1, 3]);
      expect(await rowsOf(id)).toBe(3);
      expect(store.stats.batches).toBe(2);
    });

    test("they are still committed within the window without anyone flushing", async () => {
      const { store, stored, hold, release } = gatedStore(20);
      const id = await backend.createDocument();
      hold();
      store.append(id, update(1));
      await until(() => store.stats.maxBacklog === 1, 5_000, "the first update queued");
      store.append(id, update(2)); // arrives while the first is at the gate (or still in its window)
      release();
      await until(() => stored.at(-1) === 2, 5_000, "the second update committed by the timer");
      expect(await rowsOf(id)).toBe(2);
    });

    test("a full batch waiting is written at once, window or not", async () => {
      const { store, stored, hold, release } = gatedStore(60_000);
      const id = await backend.createDocument();
      const max = defaultCollabOptions.maxBatchUpdates;
      hold();
      store.append(id, update(0));
      void store.flush();
      for (let i = 1; i <= max; i++) store.append(id, update(i % 250));
      release();
      await until(() => stored.at(-1) === max + 1, 5_000, "the full batch committed without a flush");
      expect(await rowsOf(id)).toBe(max + 1);
    });
  });
}

suite("SQLite", openSqliteBackend);
suite("PostgreSQL", openPostgresBackend, !postgresAvailable);
