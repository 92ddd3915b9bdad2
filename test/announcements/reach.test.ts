// Acknowledgements and reach against a real server (SQLite, or PostgreSQL with TEST_POSTGRES_URL):
// exact per-account counting over several streams of one account, figures that survive a restart,
// an acknowledgement clearing every stream of the account live, the pending list and its CSV,
// reminders, "show again" edits, and who may read the figures.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, freshDatabase, type TestServer } from "../helpers/server";
import { SseReader, startEventsServer } from "../events/helpers";

let server: TestServer;
let admin: ApiClient;
let ana: ApiClient;
let bob: ApiClient;
let visitor: ApiClient;
const streams: SseReader[] = [];
const open = async (client: ApiClient, base = server.url) => {
  const s = await SseReader.open(`${base}/api/events`, client.cookie ? { cookie: client.cookie } : {});
  streams.push(s);
  await s.waitForEvent("version");
  return s;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function publish(body: Record<string, unknown>, by = admin): Promise<{ id: string; contentVersion: number }> {
  const res = await by.post("/api/admin/announcements", body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
const reachOf = async (id: string, by = admin) => (await by.get(`/api/admin/announcements/${id}/reach`)).body;

/** Polls until the figures match (deliveries reach the database within about a second). */
async function reachUntil(id: string, check: (r: any) => boolean, what: string): Promise<any> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const r = await reachOf(id);
    if (check(r)) return r;
    if (Date.now() > deadline) throw new Error(`reach never became ${what}: ${JSON.stringify(r)}`);
    await sleep(100);
  }
}

beforeAll(async () => {
  server = await startEventsServer();
  admin = new ApiClient(server.url);
  ana = new ApiClient(server.url);
  bob = new ApiClient(server.url);
  visitor = new ApiClient(server.url);
  expect((await admin.signup("Admin")).isAdmin).toBe(true);
  await ana.signup("Ana");
  await bob.signup("Bob");
});
afterAll(async () => {
  for (const s of streams) s.close();
  await server.stop();
});

describe("acknowledgement", () => {
  it("clears every stream of the account live, and no one else's", async () => {
    const [tab1, tab2, tab3] = [await open(ana), await open(ana), await open(ana)];
    const bobs = await open(bob);
    const a = await publish({ title: "Read me", requiresAck: true });
    for (const s of [tab1, tab2, tab3, bobs]) await s.waitForEvent("announcement", (d) => d.id === a.id && d.requiresAck === true);

    // Not dismissible otherwise: the dismissal route refuses it.
    expect((await ana.post(`/api/announcements/${a.id}/dismiss`)).status).toBe(409);
    expect((await ana.post(`/api/announcements/${a.id}/ack`)).status).toBe(204);
    for (const s of [tab1, tab2, tab3]) await s.waitForEvent("announcement-dismissed", (d) => d.id === a.id);
    await sleep(200);
    expect(bobs.named("announcement-dismissed").filter((f) => f.data.id === a.id)).toHaveLength(0);

    // Gone on a new device of Ana's, still there for Bob.
    const later = await open(ana);
    const bobLater = await open(bob);
    await bobLater.waitForEvent("announcement", (d) => d.id === a.id);
    expect(later.named("announcement").filter((f) => f.data.id === a.id)).toHaveLength(0);
    expect((await ana.get("/api/announcements")).body.announcements.map((x: { id: string }) => x.id)).not.toContain(a.id);

    // A second acknowledgement (another tab) is harmless and counts once.
    expect((await ana.post(`/api/announcements/${a.id}/ack`)).status).toBe(204);
    expect((await reachOf(a.id)).acknowledged).toBe(1);
  });

  it("is for signed-in accounts, for announcements that ask for it, within the audience", async () => {
    const ack = await publish({ title: "Ack", requiresAck: true });
    const plain = await publish({ title: "Plain" });
    const admins = await publish({ title: "Admins", requiresAck: true, audience: "admins" });
    expect((await visitor.post(`/api/announcements/${ack.id}/ack`)).status).toBe(401);
    expect((await ana.post(`/api/announcements/${plain.id}/ack`)).status).toBe(409);
    expect((await ana.post(`/api/announcements/${admins.id}/ack`)).status).toBe(404);
    expect((await ana.post("/api/announcements/nope/ack")).status).toBe(404);
    // Signed-out visitors receive it as an ordinary banner.
    const v = await open(visitor);
    await v.waitForEvent("announcement", (d) => d.id === ack.id);
  });
});

describe("reach", () => {
  it("counts per account, however many streams an account has", async () => {
    const anaTabs = [await open(ana), await open(ana), await open(ana), await open(ana), await open(ana)];
    const bobTab = await open(bob);
    const adminTab = await open(admin);
    const a = await publish({ title: "Counted", requiresAck: true });
    for (const s of [...anaTabs, bobTab, adminTab]) await s.waitForEvent("announcement", (d) => d.id === a.id);

    // Every tab of Ana's reports it seen; the server keeps one row per account.
    await Promise.all(anaTabs.map(() => ana.post("/api/announcements/seen", { ids: [a.id] })));
    expect((await bob.post("/api/announcements/seen", { ids: [a.id, a.id] })).status).toBe(204);
    await Promise.all(anaTabs.map(() => ana.post(`/api/announcements/${a.id}/ack`)));

    // Streams opened by earlier tests still hold: delivered counts every open stream it was written to.
    const reach = await reachUntil(a.id, (r) => r.delivered >= 7, "delivered to the 7 new streams");
    // Storing the count is no edit: the announcement is not re-sent (and so not re-counted).
    const listed = (await admin.get("/api/admin/announcements")).body.announcements.find((x: { id: string }) => x.id === a.id);
    expect(listed.updatedAt).toBe((a as { updatedAt?: string }).updatedAt);
    await sleep(1500);
    expect((await reachOf(a.id)).delivered).toBe(reach.delivered);
    expect(reach).toMatchObject({ seen: 2, dismissed: 0, acknowledged: 1 });
    expect(reach.delivered).toBe(streams.filter((s) => s.named("announcement").some((f) => f.data.id === a.id)).length);
    expect(new Set(reach.pending.map((p: { name: string }) => p.name))).toEqual(new Set(["Admin", "Bob"]));

    const d = await publish({ title: "Dismissible" });
    await Promise.all(anaTabs.map(() => ana.post(`/api/announcements/${d.id}/dismiss`)));
    await bob.post(`/api/announcements/${d.id}/dismiss`);
    expect(await reachOf(d.id)).toMatchObject({ dismissed: 2, acknowledged: 0, pending: [] });
  });

  it("ignores seen reports for announcements outside the account's audience, and bad bodies", async () => {
    const a = await publish({ title: "Admins only", audience: "admins" });
    expect((await ana.post("/api/announcements/seen", { ids: [a.id] })).status).toBe(204);
    expect((await reachOf(a.id)).seen).toBe(0);
    expect((await ana.post("/api/announcements/seen", { ids: [] })).status).toBe(400);
    expect((await ana.post("/api/announcements/seen", { ids: Array.from({ length: 51 }, (_, i) => `x${i}`) })).status).toBe(400);
    expect((await visitor.post("/api/announcements/seen", { ids: [a.id] })).status).toBe(401);
  });

  it("pushes the figures to administrators' streams as they change", async () => {
    const adminTab = await open(admin);
    const anaTab = await open(ana);
    const a = await publish({ title: "Live figures", requiresAck: true, audience: "users" });
    await anaTab.waitForEvent("announcement", (d) => d.id === a.id);
    await ana.post(`/api/announcements/${a.id}/ack`);
    await adminTab.waitForEvent("announcement-reach", (d) => d.id === a.id && d.acknowledged === 1);
    // Members never receive the figures.
    expect(anaTab.named("announcement-reach")).toHaveLength(0);
  });

  it("answers administrators only", async () => {
    const a = await publish({ title: "Secret figures", requiresAck: true });
    for (const [client, status] of [
      [visitor, 401],
      [ana, 403],
    ] as const) {
      expect((await client.get(`/api/admin/announcements/${a.id}/reach`)).status).toBe(status);
      expect((await client.get(`/api/admin/announcements/${a.id}/reach.csv`)).status).toBe(status);
      expect((await client.get(`/api/admin/announcements/${a.id}/reach?format=csv`)).status).toBe(status);
      expect((await client.post(`/api/admin/announcements/${a.id}/remind`)).status).toBe(status);
    }
    expect((await admin.get("/api/admin/announcements/nope/reach")).status).toBe(404);
  });
});

describe("pending list and CSV", () => {
  it("lists the audience's accounts that have not acknowledged, escaped as CSV", async () => {
    const odd = new ApiClient(server.url);
    await odd.signup('=HYPERLINK("x"), "Eve"', `eve-${Date.now()}@example.com`);
    const a = await publish({ title: "Policy", requiresAck: true, audience: "users" });
    await bob.post(`/api/announcements/${a.id}/ack`);
    const names = (await reachOf(a.id)).pending.map((p: { name: string }) => p.name).sort();
    expect(names).toEqual(['=HYPERLINK("x"), "Eve"', "Admin", "Ana"].sort());

    for (const url of [`/api/admin/announcements/${a.id}/reach.csv`, `/api/admin/announcements/${a.id}/reach?format=csv`]) {
      const res = await fetch(server.url + url, { headers: { cookie: admin.cookie } });
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toContain("attachment");
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark
      const text = bytes.subarray(3).toString("utf8");
      const lines = text.split("\r\n");
      expect(lines[0]).toBe('"name","email","id"');
      expect(lines).toHaveLength(5); // header, three people, and the empty string after the last CRLF
      const eve = lines.find((l) => l.includes("HYPERLINK"));
      // Quotes doubled, the comma kept inside the quotes, and the formula defused with an apostrophe.
      expect(eve).toMatch(/^"'=HYPERLINK\(""x""\), ""Eve""","eve-\d+@example\.com","[^"]+"$/);
      expect(text).not.toContain("Bob");
    }
  });

  it("reminds the pending accounts live, and not the ones who acknowledged", async () => {
    const a = await publish({ title: "Remind me", requiresAck: true, audience: "users" });
    const anaTab = await open(ana);
    const bobTab = await open(bob);
    await bob.post(`/api/announcements/${a.id}/ack`);
    const res = await admin.post(`/api/admin/announcements/${a.id}/remind`);
    expect(res.status).toBe(200);
    expect(res.body.pending).toBeGreaterThanOrEqual(2); // Admin, Ana and Eve (the CSV test's account)
    expect(res.body.inApp).toBeGreaterThanOrEqual(1); // Ana's tab is open
    expect(res.body.inApp + res.body.away).toBe(res.body.pending);
    expect(res.body).toMatchObject({ emailed: 0, skippedRecentlyReminded: 0, emailEnabled: false }); // no SMTP_URL: nothing leaves the server
    await anaTab.waitForEvent("announcement-reminder", (d) => d.id === a.id);
    await sleep(200);
    expect(bobTab.named("announcement-reminder")).toHaveLength(0);
    const plain = await publish({ title: "No ack" });
    expect((await admin.post(`/api/admin/announcements/${plain.id}/remind`)).status).toBe(409);
  });
});

describe("dismissal that follows content", () => {
  it("keeps a typo fix dismissed and shows a 'show again' edit to those who dismissed it", async () => {
    const a = await publish({ title: "Wifi is donw" });
    const live = await open(ana);
    await live.waitForEvent("announcement", (d) => d.id === a.id);
    await ana.post(`/api/announcements/${a.id}/dismiss`);
    await live.waitForEvent("announcement-dismissed", (d) => d.id === a.id);
    const bobLive = await open(bob);

    expect((await admin.patch(`/api/admin/announcements/${a.id}`, { title: "Wifi is down" })).status).toBe(200);
    await bobLive.waitForEvent("announcement", (d) => d.id === a.id && d.title === "Wifi is down");
    await sleep(200);
    expect(live.named("announcement").filter((f) => f.data.title === "Wifi is down")).toHaveLength(0);
    expect((await ana.get("/api/announcements")).body.announcements.map((x: { id: string }) => x.id)).not.toContain(a.id);
    expect((await reachOf(a.id)).dismissed).toBe(1);

    const edited = await admin.patch(`/api/admin/announcements/${a.id}`, { body: "Now the printer too.", showAgain: true });
    expect(edited.body.contentVersion).toBe(2);
    await live.waitForEvent("announcement", (d) => d.id === a.id && d.contentVersion === 2);
    expect((await ana.get("/api/announcements")).body.announcements.map((x: { id: string }) => x.id)).toContain(a.id);
    expect((await reachOf(a.id)).dismissed).toBe(0);
    expect((await admin.patch(`/api/admin/announcements/${a.id}`, { showAgain: true })).status).toBe(400);
  });
});

describe("restart", () => {
  it("keeps seen, dismissed, acknowledged and delivered", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-reach-"));
    const database = await freshDatabase();
    const env = database ? { DATABASE_URL: database.url } : undefined;
    let first: TestServer | undefined = await startEventsServer({}, { dataDir, env });
    let second: TestServer | undefined;
    try {
      const boss = new ApiClient(first.url);
      const reader = new ApiClient(first.url);
      await boss.signup("Boss");
      await reader.signup("Reader");
      const a = (await boss.post("/api/admin/announcements", { title: "Durable", requiresAck: true })).body;
      const tabs = [await open(reader, first.url), await open(reader, first.url)];
      for (const t of tabs) await t.waitForEvent("announcement", (d) => d.id === a.id);
      await reader.post("/api/announcements/seen", { ids: [a.id] });
      await reader.post(`/api/announcements/${a.id}/ack`);
      for (const t of tabs) t.close();
      await first.stop(); // flushes the in-memory deliveries
      first = undefined;

      second = await startEventsServer({}, { dataDir, env });
      const again = new ApiClient(second.url);
      expect((await again.post("/api/auth/login", { email: (await bossEmail(second)) ?? "", password: "correct horse battery" })).status).toBe(200);
      const reach = (await again.get(`/api/admin/announcements/${a.id}/reach`)).body;
      expect(reach).toMatchObject({ delivered: 2, seen: 1, acknowledged: 1, dismissed: 0 });
      expect(reach.pending.map((p: { name: string }) => p.name)).toEqual(["Boss"]);
    } finally {
      await first?.stop();
      await second?.stop();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000); // two fresh servers, each migrating its database
});

async function bossEmail(s: TestServer): Promise<string | undefined> {
  return (await s.services.db.user.findFirst({ where: { name: "Boss" } }))?.email;
}
