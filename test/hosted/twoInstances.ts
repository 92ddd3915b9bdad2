// Two Tandem instances on one PostgreSQL and one Redis (the hosted mode), started before a test file's
// tests and stopped after them. `available` is false where the machine has no PostgreSQL or
// redis-server; the tests then skip.
import { afterAll, beforeAll } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import type { Person } from "../realtime/helpers";
import { startBackingServices, type RedisProcess } from "./redisProcess";

export type TwoInstances = { available: boolean; one: TestServer; two: TestServer /** Disconnected after the tests. */; people: Person[] };

/** `prefix` keeps this file's Redis channels apart from other files' running at the same time. */
export function twoInstances(prefix: string): TwoInstances {
  const cluster = { available: true, people: [] as Person[] } as TwoInstances;
  let redis: RedisProcess | undefined;
  let database: { url: string; drop(): Promise<void> } | undefined;
  beforeAll(async () => {
    const services = await startBackingServices();
    if (!services) {
      cluster.available = false;
      return;
    }
    ({ database, redis } = services);
    const env = { DATABASE_URL: database!.url, REDIS_URL: redis!.url, REDIS_PREFIX: `${prefix}${Date.now()}:` };
    cluster.one = await startTestServer(env);
    cluster.two = await startTestServer(env);
  }, 120_000);
  afterAll(async () => {
    for (const p of cluster.people) p.socket.disconnect();
    await cluster.one?.stop();
    await cluster.two?.stop();
    await database?.drop();
    await redis?.stop();
  });
  return cluster;
}
