// Redis outage in the hosted mode: an administrator's announcement change while this instance cannot
// reach Redis is refused with 503 and a Retry-After, and nothing is stored (it would have reached
// nobody, and an event left in ioredis' queue dies with the process). Once Redis is back the same
// change goes out to the other instance's streams. A redis-server of the test's own, stopped mid-test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, type TestServer } from "../helpers/server";
import { SseReader, startEventsServer } from "../events/helpers";
import { DELIVERY_RETRY_AFTER_SECONDS, DELIVERY_UNAVAILABLE_MESSAGE } from "../../server/events/deliveryGate";
import { startBackingServices, type RedisProcess } from "./redisProcess";
import { until } from "../collab/wsClients";

let redis: RedisProcess | undefined;
let database: { url: string; drop(): Promise<void> } | undefined;
const servers: TestServer[] = [];
const readers: SseReader[] = [];
/** The first account, so an administrator; signed in on instance A. */
let admin: ApiClient;

beforeAll(async () => {
  const backing = await startBackingServices();
  if (!backing) return;
  ({ redis, database } = backing);
  const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, REDIS_PREFIX: `delivery-${Date.now()}:` };
  const first = await startEventsServer({}, { env });
  servers.push(first);
  servers.push(await startEventsServer({}, { env, dataDir: first.dataDir }));
  admin = new ApiClient(first.url);
  if (!(await admin.signup("Admin")).isAdmin) throw new Error("the first account should be an administrator");
}, 120_000);

afterAll(async () => {
  for (const r of readers) r.close();
  await redis?.start().catch(() => undefined); // instances close cleanly against a live Redis
  for (const s of servers.reverse()) await s.stop();
  await database?.drop();
  await redis?.stop();
});

describe("announcements while Redis is down", () => {
  it("refuse the change with 503 + Retry-After and store nothing; the same change goes out once Redis is back", async (ctx) => {
    if (!redis) return ctx.skip();
    const [a, b] = servers;
    const watcher = await SseReader.open(`${b.url}/api/events`);
    readers.push(watcher);
    await watcher.waitForEvent("version");

    const before = await admin.post("/api/admin/announcements", { title: "Before the outage" });
    expect(before.status).toBe(201);
    await watcher.waitForEvent("announcement", (d) => d.id === before.body.id, 10_000);

    await redis.stop();
    await until(() => a.services.redis!.pub.status !== "ready", 10_000, "instance A notices the outage");
    const during = await admin.post("/api/admin/announcements", { title: "During the outage" });
    expect(during.status).toBe(503);
    expect(during.body.error).toEqual({ code: "unavailable", message: DELIVERY_UNAVAILABLE_MESSAGE });
    expect(Number(during.headers.get("retry-after"))).toBe(DELIVERY_RETRY_AFTER_SECONDS);
    // Ending one is refused the same way, and it stays live.
    const revoke = await admin.delete(`/api/admin/announcements/${before.body.id}`);
    expect(revoke.status).toBe(503);
    const listed = (await admin.get("/api/admin/announcements")).body.announcements as Array<{ title: string; status: string }>;
    expect(listed.map((x) => x.title)).toEqual(["Before the outage"]);

    await redis.start();
    await until(() => a.services.redis!.ping(), 30_000, "instance A reconnects");
    await until(() => b.services.redis!.ping(), 30_000, "instance B reconnects");
    // B's stream is still open (or resumed): the retried change reaches it.
    const after = await admin.post("/api/admin/announcements", { title: "During the outage" });
    expect(after.status).toBe(201);
    const reader = watcher.closed ? await SseReader.open(`${b.url}/api/events`) : watcher;
    if (reader !== watcher) readers.push(reader);
    await reader.waitForEvent("announcement", (d) => d.id === after.body.id, 15_000);
  }, 120_000);

  it("an outage between the check and the change's own publish gets the same 503 at once, and undoes the change", async (ctx) => {
    if (!redis) return ctx.skip();
    const [a, b] = servers;
    const outageAfterCheck = redis;
    await until(async () => (await a.services.redis!.ping()) && (await b.services.redis!.ping()), 30_000, "both instances on Redis");
    const live = await admin.post("/api/admin/announcements", { title: "Stays live" });
    expect(live.status).toBe(201);
    const watcher = await SseReader.open(`${b.url}/api/events`);
    readers.push(watcher);
    await watcher.waitForEvent("announcement", (d) => d.id === live.body.id, 10_000);

    // The gate's PING answers, then Redis goes away before the change is published.
    const link = a.services.redis!;
    const ping = link.ping;
    link.ping = async () => {
      const answered = await ping();
      await outageAfterCheck.stop();
      return answered;
    };
    try {
      for (const attempt of [
        () => admin.post("/api/admin/announcements", { title: "Between check and publish" }),
        () => admin.delete(`/api/admin/announcements/${live.body.id}`),
      ]) {
        const started = Date.now();
        const res = await attempt();
        expect(res.status).toBe(503);
        expect(res.body.error).toEqual({ code: "unavailable", message: DELIVERY_UNAVAILABLE_MESSAGE });
        expect(Number(res.headers.get("retry-after"))).toBe(DELIVERY_RETRY_AFTER_SECONDS);
        // Not left waiting for Redis to come back (the offline queue); at most the publish's own timeout.
        expect(Date.now() - started).toBeLessThan(5_000);
        await outageAfterCheck.start();
        await until(ping, 30_000, "instance A reconnects");
      }
    } finally {
      link.ping = ping;
    }
    // Nothing was saved: the new one is gone, the revoked one is live again.
    const listed = (await admin.get("/api/admin/announcements")).body.announcements as Array<{ id: string; title: string; status: string }>;
    expect(listed.map((x) => x.title)).not.toContain("Between check and publish");
    expect(listed.find((x) => x.id === live.body.id)?.status).toBe("active");
    // And nothing was sent later either: a change made now reaches B, the refused ones never did.
    await until(() => b.services.redis!.ping(), 30_000, "instance B reconnects");
    // The admin's instance reconnects its own publish connection with ioredis' backoff: until then it
    // still answers 503 (and saves nothing), so ask again until it takes the change.
    let next = await admin.post("/api/admin/announcements", { title: "After" });
    for (let tries = 0; next.status === 503 && tries < 60; tries++) {
      await new Promise((r) => setTimeout(r, 500));
      next = await admin.post("/api/admin/announcements", { title: "After" });
    }
    expect(next.status).toBe(201);
    const reader = watcher.closed ? await SseReader.open(`${b.url}/api/events`) : watcher;
    if (reader !== watcher) readers.push(reader);
    await reader.waitForEvent("announcement", (d) => d.id === next.body.id, 15_000);
    expect(reader.named("announcement").some((f) => (f.data as { title?: string }).title === "Between check and publish")).toBe(false);
    expect(reader.named("announcement-revoked").some((f) => (f.data as { id?: string }).id === live.body.id)).toBe(false);
  }, 120_000);
});
