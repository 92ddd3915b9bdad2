// The shared event log on a real Redis, without servers: one append per change however many instances
// compute it, every hub reads the same ids in the same order, and a resume with an id this instance has
// not read yet waits for it instead of resetting.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SseHub } from "../../server/events/hub";
import { RedisEventLog } from "../../server/events/redisEventLog";
import type { StreamEntry } from "../../server/events/ring";
import { createLogger } from "../../server/log";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `tandem-sharedlog-test-${Math.random().toString(36).slice(2)}:`;
const everyone = { viewers: ["anonymous", "user", "admin"] as const };
let redis: Redis;
let up = false;
const open: Array<{ close(): unknown }> = [];

beforeAll(async () => {
  redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  up = await redis.connect().then(
    () => true,
    () => false,
  );
});
afterAll(async () => {
  for (const o of open) await o.close();
  if (up) await redis.del(`${prefix}events`);
  redis.disconnect();
});

async function instance(start = true): Promise<{ log: RedisEventLog; hub: SseHub; seen: StreamEntry[] }> {
  const log = await RedisEventLog.open(redis, prefix, 100, createLogger("silent"));
  const hub = new SseHub({ shared: log });
  const seen: StreamEntry[] = [];
  const deliver = (e: StreamEntry) => (seen.push(e), hub.deliver(e));
  if (start) log.start(deliver);
  else Object.assign(log, { startLater: () => log.start(deliver) });
  open.push(hub, log);
  return { log, hub, seen };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
};

describe("shared event log", () => {
  it("appends a change computed by several instances once, and every instance reads the same ids in order", async (ctx) => {
    if (!up) return ctx.skip();
    const a = await instance();
    const b = await instance();
    for (const hub of [a.hub, b.hub]) hub.publish("announcement", { id: "x", v: 1 }, { ...everyone }, "x@1");
    a.hub.publish("announcement-dismissed", { id: "x" }, { ...everyone, userId: "u1" });
    b.hub.publish("announcement", { id: "y" }, { ...everyone, users: new Set(["u2"]) });
    await until(() => a.seen.length === 3 && b.seen.length === 3);
    expect(a.seen).toEqual(b.seen);
    expect(a.seen.map((e) => e.event)).toEqual(["announcement", "announcement-dismissed", "announcement"]);
    expect(a.seen[2].to.users).toEqual(new Set(["u2"]));
    const ids = a.seen.map((e) => e.id);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    expect(new Set(ids).size).toBe(3);
    expect(a.hub.headId).toBe(ids[2]);
  });

  it("waits for an id another instance already sent instead of resetting, and fetches what came before it started", async (ctx) => {
    if (!up) return ctx.skip();
    const a = await instance();
    const late = await instance(false); // started, but its reader is behind
    a.hub.publish("announcement", { id: "z1" }, { ...everyone });
    a.hub.publish("announcement", { id: "z2" }, { ...everyone });
    await until(() => a.seen.length === 2);
    const [z1, z2] = a.seen;
    const pending = late.hub.fetchOlder(z1.id);
    (late.log as unknown as { startLater(): void }).startLater();
    expect(await pending).toBeUndefined(); // its ring answers now
    expect(late.hub.ring.since(z1.id)).toEqual({ kind: "replay", entries: [expect.objectContaining({ id: z2.id, data: { id: "z2" } })] });

    // An instance started after both: the ring has neither, the log has both.
    const fresh = await instance();
    expect(await fresh.hub.fetchOlder(z1.id)).toEqual({ kind: "replay", entries: [expect.objectContaining({ id: z2.id })], upTo: z2.id });
    // An id the log never had (or trimmed away): too old.
    expect(await fresh.hub.fetchOlder(1_000_000)).toEqual({ kind: "too-old" });
  });
});
