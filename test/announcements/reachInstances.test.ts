// Reach in the hosted mode: two instances on one PostgreSQL database and one Redis bus. Tabs of one
// account on both instances count once for "seen" and "acknowledged" (per account), while
// "delivered" adds up every open stream on both (it counts streams, as the issue defines it); a
// dismissal or an acknowledgement on one instance shows in the other's reach, live on its admin's
// stream too; and the figures are the same after the instance is restarted. Many tabs reporting at
// once on both instances (each coalesces its own seen reports) still count each account once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, type TestServer } from "../helpers/server";
import { SseReader } from "../events/helpers";
import { type EventsPair, PAIR_START_MS, startEventsPair } from "../events/pair";

let pair: EventsPair | null = null;
let a: TestServer;
let b: TestServer;
const streams: SseReader[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let admin: ApiClient;
beforeAll(async () => {
  pair = await startEventsPair("reach");
  if (!pair) return;
  [a, b] = pair.servers;
  admin = new ApiClient(a.url);
  await admin.signup("Admin"); // the first account: the administrator
}, PAIR_START_MS);
const adminOf = (server: TestServer) => on(server, admin);
afterAll(async () => {
  for (const s of streams) s.close();
  await pair?.close();
});

/** The same account's session, used against another instance (as a browser behind a balancer). */
function on(server: TestServer, client: ApiClient): ApiClient {
  const other = new ApiClient(server.url);
  other.cookie = client.cookie;
  return other;
}
async function open(server: TestServer, client: ApiClient): Promise<SseReader> {
  const s = await SseReader.open(`${server.url}/api/events`, { cookie: client.cookie });
  streams.push(s);
  await s.waitForEvent("version");
  return s;
}
async function reachUntil(admin: ApiClient, id: string, check: (r: any) => boolean, what: string): Promise<any> {
  const deadline = Date.now() + 8000;
  for (;;) {
    const res = await admin.get(`/api/admin/announcements/${id}/reach`);
    if (res.status === 200 && check(res.body)) return res.body;
    if (Date.now() > deadline) throw new Error(`reach on ${admin.baseUrl} never became ${what}: ${JSON.stringify(res.body)}`);
    await sleep(100);
  }
}

describe("reach across instances", () => {
  it("adds up across instances, counts an account once, and survives a restart", async (ctx) => {
    if (!pair) return ctx.skip();
    const adminA = adminOf(a);
    const adminB = on(b, adminA);
    const anaA = new ApiClient(a.url);
    await anaA.signup("Ana");
    const anaB = on(b, anaA);
    const bobB = new ApiClient(b.url);
    await bobB.signup("Bob");
    const bobA = on(a, bobB);

    // Ana: two tabs on A, one on B. Bob: one on B. The admin watches from A.
    const anaTabs = [await open(a, anaA), await open(a, anaA), await open(b, anaA)];
    const bobTab = await open(b, bobB);
    const adminTab = await open(a, adminA);
    const res = await adminA.post("/api/admin/announcements", { title: "Read across instances", requiresAck: true, audience: "users" });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    for (const s of [...anaTabs, bobTab, adminTab]) await s.waitForEvent("announcement", (d) => d.id === id);

    // Every tab of Ana's reports it seen, on whichever instance it is on.
    for (const client of [anaA, anaA, anaB]) expect((await client.post("/api/announcements/seen", { ids: [id] })).status).toBe(204);
    expect((await bobB.post("/api/announcements/seen", { ids: [id] })).status).toBe(204);
    // Five streams, three on A and two on B: both instances' deliveries add up, seen is per account.
    const both = (r: any) => r.delivered === 5 && r.seen === 2;
    await reachUntil(adminA, id, both, "5 delivered, 2 seen on A");
    await reachUntil(adminB, id, both, "5 delivered, 2 seen on B");

    // Ana acknowledges on B (twice, as two tabs would): A's figures and A's admin stream show it once.
    expect((await anaB.post(`/api/announcements/${id}/ack`)).status).toBe(204);
    expect((await anaA.post(`/api/announcements/${id}/ack`)).status).toBe(204);
    for (const s of anaTabs) await s.waitForEvent("announcement-dismissed", (d) => d.id === id);
    await adminTab.waitForEvent("announcement-reach", (d) => d.id === id && d.acknowledged === 1);
    const acked = await reachUntil(adminA, id, (r) => r.acknowledged === 1, "acknowledged once on A");
    expect(acked.pending.map((p: { name: string }) => p.name).sort()).toEqual(["Admin", "Bob"]);

    // Bob dismisses a plain announcement on A: B's reach shows it.
    const plain = await adminB.post("/api/admin/announcements", { title: "Plain across instances", audience: "users" });
    expect(plain.status).toBe(201);
    await bobTab.waitForEvent("announcement", (d) => d.id === plain.body.id);
    expect((await bobA.post(`/api/announcements/${plain.body.id}/dismiss`)).status).toBe(204);
    await bobTab.waitForEvent("announcement-dismissed", (d) => d.id === plain.body.id);
    await reachUntil(adminB, plain.body.id, (r) => r.dismissed === 1 && r.delivered === 5, "dismissed once on B");

    // Restart B (its pending deliveries are flushed on the way down): the figures are the same after.
    const before = await reachUntil(adminA, id, (r) => r.delivered === 5, "settled");
    const fresh = await pair.restartSecond();
    const afterRestart = await on(fresh, adminA).get(`/api/admin/announcements/${id}/reach`);
    expect(afterRestart.status).toBe(200);
    expect(afterRestart.body).toEqual(before);
    expect((await on(fresh, adminA).get(`/api/admin/announcements/${plain.body.id}/reach`)).body).toMatchObject({ dismissed: 1, delivered: 5 });
  }, 60_000); // two instances on one database, one of them restarted, on a shared machine

  it("counts each account once when its tabs on both instances report at the same moment", async (ctx) => {
    if (!pair) return ctx.skip();
    b = pair.servers[1]; // the test above restarted it
    const boss = adminOf(a);
    const readers: ApiClient[] = [];
    for (let i = 0; i < 4; i++) {
      const r = new ApiClient(i % 2 ? b.url : a.url);
      await r.signup(`Storm ${i}`);
      readers.push(r);
    }
    const adminTabB = await open(b, boss);
    const res = await boss.post("/api/admin/announcements", { title: "Storm across instances", requiresAck: true, audience: "users" });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    // Four tabs per account, two on each instance, all at once; then two acknowledgements each, one per instance.
    const seen = readers.flatMap((r) => [a, a, b, b].map((s) => on(s, r).post("/api/announcements/seen", { ids: [id] })));
    expect((await Promise.all(seen)).map((x) => x.status)).toEqual(seen.map(() => 204));
    const acks = readers.flatMap((r) => [a, b].map((s) => on(s, r).post(`/api/announcements/${id}/ack`)));
    expect((await Promise.all(acks)).map((x) => x.status)).toEqual(acks.map(() => 204));
    for (const s of [a, b]) {
      const r = (await on(s, boss).get(`/api/admin/announcements/${id}/reach`)).body;
      expect(r).toMatchObject({ seen: readers.length, acknowledged: readers.length });
    }
    await adminTabB.waitForEvent("announcement-reach", (d) => d.id === id && d.seen === readers.length && d.acknowledged === readers.length);
  }, 60_000);
});
