// The guarded pool: a connection Prisma never hands back cannot hold the pool (or shutdown) forever.
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createPostgresPool } from "../../server/db/postgresPool";
import { freshPostgresDatabase } from "../helpers/server";

let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
beforeAll(async () => {
  database = await freshPostgresDatabase();
});
afterAll(async () => {
  await database?.drop();
});

/** Kills one server process from outside, as a failover or an operator would. */
async function terminateBackend(pid: number): Promise<void> {
  const admin = new pg.Client({ connectionString: database!.url });
  await admin.connect();
  await admin.query("SELECT pg_terminate_backend($1)", [pid]);
  await admin.end();
}

test("a checked-out connection whose backend dies is handed back, and the pool ends", async () => {
  if (!database) return console.log("PostgreSQL not reachable: skipped");
  const pool = createPostgresPool(database.url, () => {}, 2);
  const leaked = await pool.connect(); // checked out and never released, as an abandoned transaction
  const pid = (await leaked.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number;
  await terminateBackend(pid);
  await expect.poll(() => pool.totalCount, { timeout: 10_000 }).toBe(0);
  // The slot is free again: both slots can be used.
  const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
  a.release();
  b.release();
  leaked.release(); // a late commit or rollback of the abandoned transaction is harmless
  await pool.end();
});

test("shutdown cuts a live connection still checked out after the grace period, and says how many", async () => {
  if (!database) return console.log("PostgreSQL not reachable: skipped");
  const cut: number[] = [];
  const pool = createPostgresPool(database.url, (n) => cut.push(n));
  await pool.connect(); // never released
  await pool.end(); // without the guard this never resolves
  expect(cut).toEqual([1]);
  expect(pool.totalCount).toBe(0);
});

test("a connection used and handed back many times keeps no listeners of ours, and its later death is not a double release", async () => {
  if (!database) return console.log("PostgreSQL not reachable: skipped");
  const pool = createPostgresPool(database.url, () => {}, 1);
  pool.on("error", () => {}); // an idle client's death is the pool's own event (Prisma's adapter listens for it)
  const first = await pool.connect();
  const baseline = first.listenerCount("end");
  first.release();
  for (let i = 0; i < 20; i++) {
    const client = await pool.connect();
    expect(client).toBe(first); // the one slot is reused
    await client.query("SELECT 1");
    client.release();
  }
  expect(first.listenerCount("end")).toBe(baseline - 1); // ours is gone once it is idle again
  const pid = (await pool.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number;
  await terminateBackend(pid);
  await expect.poll(() => pool.totalCount, { timeout: 10_000 }).toBe(0);
  await pool.end();
});
