// One event log across instances (Redis Stream): a browser that reads events on one instance and
// reconnects to another with its Last-Event-ID gets exactly the events it missed, in order, without a
// reset; only an id older than the stream keeps gets a reset. Real Redis, real PostgreSQL, real servers.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, type TestServer } from "../helpers/server";
import { SseReader, startEventsServer, type Frame } from "../events/helpers";
import { RedisEventLog } from "../../server/events/redisEventLog";
import { createLogger } from "../../server/log";
import { numericFromStreamId } from "../../server/events/eventIds";
import { pgAdmin } from "../events/pair";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PG_BASE = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432";
const dbName = `tandem_evlog_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const prefix = `tandem-evlog-test-${Math.random().toString(36).slice(2)}:`;
const LOG_LENGTH = 10;

let up = false;
let redis: Redis;
const servers: TestServer[] = [];
let env: Record<string, string>;
let dataDir: string | undefined;

async function instance(): Promise<TestServer> {
  const server = await startEventsServer({}, { env, dataDir });
  dataDir ??= server.dataDir;
  servers.push(server);
  return server;
}

beforeAll(async () => {
  redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  const redisUp = await redis.connect().then(
    () => true,
    () => false,
  );
  up = redisUp && (await pgAdmin(`CREATE DATABASE ${dbName}`));
  if (!up) return;
  env = { REDIS_URL, REDIS_PREFIX: prefix, DATABASE_URL: `${PG_BASE}/${dbName}`, EVENT_LOG_LENGTH: String(LOG_LENGTH) };
  // A and B now (one after the other: both run the migrations); C is started during the test.
  await instance();
  await instance();
}, 180_000);
afterAll(async () => {
  for (const s of servers.reverse()) await s.stop();
  if (up) {
    await redis.del(`${prefix}events`);
    await pgAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
  redis?.disconnect();
});

/** The logged events after the greeting (version) and any snapshot, as [id, event, what]. */
const logged = (frames: Frame[]) => frames.filter((f) => f.event !== "version").map((f) => [Number(f.id), f.event, f.data?.title ?? f.data?.id]);

describe("one event log across instances", () => {
  it("resumes on another instance with exactly the missed events, in order, and resets only past the log", async (ctx) => {
    if (!up) return ctx.skip();
    const t0 = Date.now();
    const lap = (what: string) => process.env.DEBUG_EVLOG && console.log(what, Date.now() - t0);
    const [a, b] = servers;
    lap("started");
    const adminA = new ApiClient(a.url);
    await adminA.signup("Admin");
    const adminB = new ApiClient(b.url);
    adminB.cookie = adminA.cookie;

    // A watcher on B sees everything live, to know when the log has the events and which ids they got.
    const watcher = await SseReader.open(`${b.url}/api/events`);
    await watcher.waitForEvent("version");
    const reader = await SseReader.open(`${a.url}/api/events`);
    await reader.waitForEvent("version");
    const first = (await adminA.post("/api/admin/announcements", { title: "One" })).body;
    const seen = await reader.waitForEvent("announcement", (d) => d.id === first.id);
    reader.close();

    // Published on A and on B while the browser is away.
    const two = (await adminA.post("/api/admin/announcements", { title: "Two" })).body;
    await watcher.waitForEvent("announcement", (d) => d.id === two.id);
    const three = (await adminB.post("/api/admin/announcements", { title: "Three" })).body;
    await watcher.waitForEvent("announcement", (d) => d.id === three.id);
    expect((await adminB.delete(`/api/admin/announcements/${two.id}`)).status).toBe(200);
    await watcher.waitForEvent("announcement-revoked", (d) => d.id === two.id);
    const live = logged(watcher.events);
    // Every instance computed these changes; the log kept each once (ids strictly increasing).
    expect(live.map((e) => e.slice(1))).toEqual([
      ["announcement", "One"],
      ["announcement", "Two"],
      ["announcement", "Three"],
      ["announcement-revoked", two.id],
    ]);
    expect(String(live[0][0])).toBe(seen.id);
    const missed = live.slice(1);

    lap("published");
    const onB = await SseReader.open(`${b.url}/api/events`, { "last-event-id": seen.id! });
    await onB.waitFor(() => logged(onB.events).length >= missed.length, 5000, "the missed events");
    expect(logged(onB.events)).toEqual(missed);
    expect(onB.named("reset")).toEqual([]);
    onB.close();

    // An instance started after all this has none of it in memory: the shared log answers.
    lap("resumed on B");
    const c = await instance();
    const onC = await SseReader.open(`${c.url}/api/events`, { "last-event-id": seen.id! });
    await onC.waitFor(() => logged(onC.events).length >= missed.length, 5000, "the missed events");
    expect(logged(onC.events)).toEqual(missed);
    expect(onC.named("reset")).toEqual([]);
    onC.close();

    // Many more events than the log keeps (MAXLEN ~ trims whole nodes of 100, so well past that).
    const writer = await RedisEventLog.open(redis, prefix, LOG_LENGTH, createLogger("silent"));
    for (let i = 0; i < 250; i++) writer.append({ event: "announcement-revoked", data: { id: `gone-${i}` }, to: { viewers: ["anonymous", "user", "admin"] } });
    await watcher.waitForEvent("announcement-revoked", (d) => d.id === "gone-249", 10_000);
    const keptIds = (await redis.xrange(`${prefix}events`, "-", "+")).map(([sid]) => String(numericFromStreamId(sid)));
    const kept = keptIds.length;
    expect(kept).toBeLessThan(250);
    expect(kept).toBeGreaterThanOrEqual(LOG_LENGTH);

    lap("appended");
    // Older than the log keeps: reset and the current state, on either instance.
    for (const server of [b, c]) {
      const stale = await SseReader.open(`${server.url}/api/events`, { "last-event-id": seen.id! });
      await stale.waitForEvent("reset");
      await stale.waitForEvent("announcement", (d) => d.id === three.id);
      expect(stale.named("announcement-revoked")).toEqual([]);
      stale.close();
    }

    // Still in the log but older than C's ring (it keeps LOG_LENGTH): replayed from the log, exactly.
    const ids = watcher.named("announcement-revoked").map((f) => f.id!);
    expect(kept).toBeGreaterThan(LOG_LENGTH + 1); // trimming keeps whole nodes: more than asked
    const from = keptIds[0];
    const after = ids.slice(ids.indexOf(from) + 1);
    const recent = await SseReader.open(`${c.url}/api/events`, { "last-event-id": from });
    await recent.waitFor(() => recent.named("announcement-revoked").length >= after.length, 5000, "the replayed events");
    expect(after).toHaveLength(kept - 1);
    expect(recent.named("announcement-revoked").map((f) => f.id)).toEqual(after);
    expect(recent.named("reset")).toEqual([]);
    recent.close();
    watcher.close();
  }, 180_000);
});
