// A transaction whose reads must still hold when it commits (a check like "at least one administrator
// stays" over rows another transaction may change at the same moment). SERIALIZABLE makes PostgreSQL
// abort one of two such transactions (Prisma's P2034); it is tried again, and then sees the other's
// commit. SQLite runs one write transaction at a time, so there it never conflicts.
import { Prisma } from "./generated/client";
import type { Db } from "./client";

const ATTEMPTS = 5;

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export async function serializable<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work, { isolationLevel: Prisma.TransactionIsolationLevel.Serializable });
    } catch (err) {
      const conflicted = (err as { code?: string }).code === "P2034";
      if (!conflicted || attempt >= ATTEMPTS) throw err;
      // A short, growing, jittered pause so the two do not collide again.
      await new Promise((r) => setTimeout(r, attempt * 5 + Math.random() * 10));
    }
  }
}
