// Who has an event stream open across instances (server/events/streamPresence.ts), on a real Redis:
// an instance's accounts count on the others from their first stream until their last one closes,
// they keep counting while the instance keeps refreshing (past the TTL), and once it dies (stops
// reaching Redis) they stop counting within the TTL, by Redis's own expiry. Skipped without Redis.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { LocalStreamPresence, RedisStreamPresence } from "../../server/events/streamPresence";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const TTL_MS = 600;
const REFRESH_MS = 100;
const log = pino({ level: "silent" });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let up = false;
const clients: Redis[] = [];
const presences: RedisStreamPresence[] = [];
const prefix = `tandem-presence-test-${Math.random().toString(36).slice(2)}:`;

beforeAll(async () => {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  up = await probe.connect().then(
    () => true,
    () => false,
  );
  probe.disconnect();
});
afterAll(async () => {
  for (const p of presences) await p.close();
  for (const c of clients) c.disconnect();
});

/** One instance: its own connection and its own open-stream accounts. */
function instance() {
  const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });
  clients.push(client);
  const here = new Set<string>();
  const presence = new RedisStreamPresence({ client, prefix }, () => here, log, { ttlMs: TTL_MS, refreshMs: REFRESH_MS });
  presences.push(presence);
  const open = (id: string) => (here.add(id), presence.changed(id, true));
  const closeAll = (id: string) => (here.delete(id), presence.changed(id, false));
  return { client, presence, open, closeAll };
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await sleep(20);
  }
}

describe("stream presence across instances", () => {
  it("counts an account from its first stream to its last, on the other instance too", async (ctx) => {
    if (!up) return ctx.skip();
    const one = instance();
    const two = instance();
    one.open("ana");
    one.open("guest-abc"); // share-link guests are never accounts to remind
    two.open("bob");
    await until(async () => (await two.presence.online(["ana", "bob", "cy"])).size === 2, "two sees ana and bob");
    expect(await two.presence.online(["ana", "bob", "cy", "guest-abc"])).toEqual(new Set(["ana", "bob"]));
    expect(await one.presence.online(["ana", "bob", "cy"])).toEqual(new Set(["ana", "bob"]));
    one.closeAll("ana");
    await until(async () => (await two.presence.online(["ana"])).size === 0, "ana's last stream closed");
    // Alive, the instance refreshes: its accounts outlast the TTL many times over.
    one.open("dee");
    await sleep(TTL_MS * 3);
    expect(await two.presence.online(["dee"])).toEqual(new Set(["dee"]));
  });

  it("forgets a dead instance's accounts within the TTL", async (ctx) => {
    if (!up) return ctx.skip();
    const doomed = instance();
    const survivor = instance();
    doomed.open("eve");
    await until(async () => (await survivor.presence.online(["eve"])).size === 1, "survivor sees eve");
    // Dies without a word: no cleanup reaches Redis, no more refreshes.
    doomed.client.disconnect();
    expect(await survivor.presence.online(["eve"])).toEqual(new Set(["eve"]));
    await until(async () => (await survivor.presence.online(["eve"])).size === 0, "eve's dead instance expired");
    expect(await survivor.client.exists(`${prefix}sse:online:${doomed.presence.instanceId}`)).toBe(0);
  });

  it("answers from the hub alone on a single instance", async () => {
    const here = new Set(["fay"]);
    expect(await new LocalStreamPresence(() => here).online(["fay", "gus"])).toEqual(new Set(["fay"]));
  });
});
