// Two instances behind one PostgreSQL database and one Redis bus (the hosted mode): an announcement
// published on one reaches streams on the other, and so does a dismissal.
import pg from "pg";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, type TestServer } from "../helpers/server";
import { SseReader, startEventsServer } from "./helpers";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PG_BASE = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432";
const dbName = `tandem_events_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
let redisUp = false;
let pgUp = false;

async function admin(sql: string): Promise<boolean> {
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
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redisUp = await probe.connect().then(
    () => true,
    () => false,
  );
  probe.disconnect();
  pgUp = await admin(`CREATE DATABASE ${dbName}`);
  if (!redisUp || !pgUp) return;
  const env = { REDIS_URL, REDIS_PREFIX: `tandem-events-test-${Math.random().toString(36).slice(2)}:`, DATABASE_URL: `${PG_BASE}/${dbName}` };
  a = await startEventsServer({}, { env });
  b = await startEventsServer({}, { env, dataDir: a.dataDir });
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
  if (pgUp) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
});

describe("several instances", () => {
  it("delivers announcements and dismissals to streams on every instance", async (ctx) => {
    if (!redisUp || !pgUp) return ctx.skip();
    const admin = new ApiClient(a.url);
    await admin.signup("Admin");
    const onB = await SseReader.open(`${b.url}/api/events`, { cookie: admin.cookie });
    const onA = await SseReader.open(`${a.url}/api/events`, { cookie: admin.cookie });
    await onB.waitForEvent("version", (d) => d.viewer === "admin");

    const created = (await admin.post("/api/admin/announcements", { title: "From A" })).body;
    await onB.waitForEvent("announcement", (d) => d.id === created.id);
    await onA.waitForEvent("announcement", (d) => d.id === created.id);

    // Dismissed through B: the stream on A hears it too.
    const viaB = new ApiClient(b.url);
    viaB.cookie = admin.cookie;
    expect((await viaB.post(`/api/announcements/${created.id}/dismiss`)).status).toBe(204);
    await onA.waitForEvent("announcement-dismissed", (d) => d.id === created.id);
    await onB.waitForEvent("announcement-dismissed", (d) => d.id === created.id);

    // Revoked on B: gone on A.
    expect((await viaB.delete(`/api/admin/announcements/${created.id}`)).status).toBe(200);
    await onA.waitForEvent("announcement-revoked", (d) => d.id === created.id);
    onA.close();
    onB.close();
  });
});
