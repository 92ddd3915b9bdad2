// A transaction that runs alone among those of the same kind: a check like "at least one administrator
// stays" must not pass in two transactions that each change a different row at the same moment. On
// PostgreSQL each takes a transaction-scoped advisory lock on `lockKey` first (READ COMMITTED then reads
// what the one before committed); SQLite runs one write transaction at a time anyway.
import type { Db } from "./client";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Advisory lock keys, one per kind of exclusive change (arbitrary, distinct 32-bit numbers). */
export const LOCKS = { administrators: 0x7a6e_a0d1 } as const;

export function exclusive<T>(db: Db, databaseKind: "sqlite" | "postgres", lockKey: number, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    if (databaseKind === "postgres") await tx.$executeRaw`SELECT pg_advisory_xact_lock(${lockKey})`;
    return work(tx);
  });
}
