// Two events-channel instances sharing a fresh PostgreSQL database and a Redis prefix (the hosted
// mode), for the announcement tests that must add up across instances; null when PostgreSQL or
// Redis is not running (the tests then skip). The second can be restarted on the same database.
import pg from "pg";
import { Redis } from "ioredis";
import type { TestServer } from "../helpers/server";
import { startEventsServer } from "./helpers";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PG_BASE = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432";

/** Two instances migrating one fresh PostgreSQL database took 40 s on a loaded two-core machine. */
export const PAIR_START_MS = 180_000;

export type EventsPair = {
  servers: [TestServer, TestServer];
  /** Stops the second instance and starts a new one on the same database, bus and secret. */
  restartSecond: () => Promise<TestServer>;
  close: () => Promise<void>;
};

export async function startEventsPair(label: string, extraEnv: Record<string, string> = {}): Promise<EventsPair | null> {
  const dbName = `tandem_${label}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  if (!(await redisUp()) || !(await pgAdmin(`CREATE DATABASE ${dbName}`))) return null;
  const env = {
    REDIS_URL,
    REDIS_PREFIX: `tandem-${label}-test-${Math.random().toString(36).slice(2)}:`,
    DATABASE_URL: `${PG_BASE}/${dbName}`,
    ...extraEnv,
  };
  const a = await startEventsServer({}, { env });
  // The second shares the first's data directory, so also its session secret (cookies work on both).
  const servers: [TestServer, TestServer] = [a, await startEventsServer({}, { env, dataDir: a.dataDir })];
  return {
    servers,
    restartSecond: async () => {
      await servers[1].stop();
      servers[1] = await startEventsServer({}, { env, dataDir: a.dataDir });
      return servers[1];
    },
    close: async () => {
      await servers[1].stop();
      await a.stop();
      await pgAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    },
  };
}

async function redisUp(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  const up = await probe.connect().then(
    () => true,
    () => false,
  );
  probe.disconnect();
  return up;
}

/** Runs one statement as PostgreSQL's administrator (create or drop a test database); false when it fails. */
export async function pgAdmin(sql: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
  try {
    await client.connect();
    await client.query(sql);
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
