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
  const checkedOut = new Set<pg.PoolClient>();
  const handBack = (client: pg.PoolClient, why: string) => {
    if (!checkedOut.delete(client)) return;
    const release = client.release as Release;
    // A later commit or rollback of the abandoned transaction must not release it a second time.
    client.release = () => {};
    release(new Error(why));
  };

  pool.on("acquire", (client) => {
    checkedOut.add(client);
    const dead = () => handBack(client, "the connection died while checked out");
    client.once("end", dead);
    client.once("error", dead);
    // Drop both listeners when the pool gets the client back, so a reused client does not collect them.
    const forget = () => {
      client.removeListener("end", dead);
      client.removeListener("error", dead);
    };
    const release = client.release as Release;
    client.release = (err?: Error | boolean) => {
      checkedOut.delete(client);
      forget();
      release(err);
    };
  });
  pool.on("remove", (client) => checkedOut.delete(client as pg.PoolClient));

  const end = pool.end.bind(pool);
  pool.end = (async () => {
    const ended = end();
    const timer = setTimeout(() => {
      if (checkedOut.size === 0) return;
      onCut(checkedOut.size);
      for (const client of [...checkedOut]) handBack(client, "the pool is shutting down");
    }, POOL_END_GRACE_MS);
    try {
      await ended;
    } finally {
      clearTimeout(timer);
    }
  }) as typeof pool.end;
  return pool;
}
