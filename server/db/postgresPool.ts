// The PostgreSQL connection pool, guarded against connections Prisma never hands back.
//
// Prisma's driver adapter checks a connection out for each transaction and returns it on commit or
// rollback. When the database drops away mid-transaction (an outage, a failover), Prisma can abandon
// the transaction without either, and pg's pool waits for that connection forever: the slot is lost
// for the rest of the process and `pool.end()` (shutdown, `$disconnect`) never resolves. Seen in
// test/collab/hostile/network.hostile.test.ts: about one run in three hung at shutdown after the
// PostgreSQL outage. So a checked-out connection whose socket has died is handed back with an error
// (the pool then drops it), and shutdown hands back whatever is still out after a short wait.
import pg from "pg";

/** How long shutdown waits for queries still running before it cuts their connections. */
export const POOL_END_GRACE_MS = 2_000;

type Release = (err?: Error | boolean) => void;

/** Told how many connections shutdown had to cut (each was a transaction Prisma had abandoned). */
export type OnCut = (connections: number) => void;

export function createPostgresPool(connectionString: string, onCut: OnCut = () => {}, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  // Each checked-out client with the listener that hands it back if its connection dies.
  const checkedOut = new Map<pg.PoolClient, () => void>();
  const settle = (client: pg.PoolClient): boolean => {
    const dead = checkedOut.get(client);
    if (!dead) return false;
    checkedOut.delete(client);
    client.removeListener("end", dead);
    client.removeListener("error", dead);
    return true;
  };
  const handBack = (client: pg.PoolClient, why: string) => {
    if (!settle(client)) return;
    const release = client.release as Release;
    // A later commit or rollback of the abandoned transaction must not release it a second time.
    client.release = () => {};
    release(new Error(why));
  };

  // The pool emits `acquire` before it sets the client's `release`, and `release` on every hand-back.
  pool.on("acquire", (client) => {
    const dead = () => handBack(client, "the connection died while checked out");
    checkedOut.set(client, dead);
    client.once("end", dead);
    client.once("error", dead);
  });
  pool.on("release", (_err, client) => settle(client as pg.PoolClient));

  const end = pool.end.bind(pool);
  pool.end = (async () => {
    const ended = end();
    const timer = setTimeout(() => {
      if (checkedOut.size === 0) return;
      onCut(checkedOut.size);
      for (const client of [...checkedOut.keys()]) handBack(client, "the pool is shutting down");
    }, POOL_END_GRACE_MS);
    try {
      await ended;
    } finally {
      clearTimeout(timer);
    }
  }) as typeof pool.end;
  return pool;
}
