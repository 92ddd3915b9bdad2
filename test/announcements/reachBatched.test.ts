// Seen reports are coalesced per instance (server/events/seenBatch.ts): against a real server
// (SQLite, or PostgreSQL with TEST_POSTGRES_URL), many tabs of several accounts reporting at once
// still count exactly once per account, with the live figures on the administrator's stream; a
// report outside the audience still counts nothing; concurrent acknowledgements from several tabs
// count once; and reports made just before a graceful stop are in the database after the restart.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, freshDatabase, type TestServer } from "../helpers/server";
import { SseReader, startEventsServer } from "../events/helpers";

const ACCOUNTS = 6;
const TABS = 5;
let server: TestServer;
let admin: ApiClient;
let readers: ApiClient[];
const streams: SseReader[] = [];

/** Another tab of the same account: its own connection, the same session. */
function tabOf(client: ApiClient, base = client.baseUrl): ApiClient {
  const tab = new ApiClient(base);
  tab.cookie = client.cookie;
  return tab;
}

beforeAll(async () => {
  server = await startEventsServer();
  admin = new ApiClient(server.url);
  expect((await admin.signup("Admin")).isAdmin).toBe(true);
  readers = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const r = new ApiClient(server.url);
    await r.signup(`Reader ${i}`);
    readers.push(r);
  }
}, 60_000);
afterAll(async () => {
  for (const s of streams) s.close();
  await server.stop();
});

describe("coalesced seen reports", () => {
  it("count every account exactly once when all their tabs report at the same moment", async () => {
    const adminTab = await SseReader.open(`${server.url}/api/events`, { cookie: admin.cookie });
    streams.push(adminTab);
    await adminTab.waitForEvent("version");
    const post = async (body: Record<string, unknown>) => {
      const res = await admin.post("/api/admin/announcements", body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const first = await post({ title: "Batched one", requiresAck: true, audience: "users" });
    const second = await post({ title: "Batched two", audience: "users" });
    const adminsOnly = await post({ title: "Admins only", audience: "admins" });

    // Every tab of every account at once, each reporting all three (and the first twice over).
    const reports = readers.flatMap((r) =>
      Array.from({ length: TABS }, () => tabOf(r).post("/api/announcements/seen", { ids: [first, second, adminsOnly, first] })),
    );
    const statuses = (await Promise.all(reports)).map((res) => res.status);
    expect(statuses).toEqual(statuses.map(() => 204));

    // Answered once stored: the figures are exact the moment the reports return, not eventually.
    const reachOf = async (id: string) => (await admin.get(`/api/admin/announcements/${id}/reach`)).body;
    expect(await reachOf(first)).toMatchObject({ seen: ACCOUNTS });
    expect(await reachOf(second)).toMatchObject({ seen: ACCOUNTS });
    expect(await reachOf(adminsOnly)).toMatchObject({ seen: 0 });
    await adminTab.waitForEvent("announcement-reach", (d) => d.id === first && d.seen === ACCOUNTS);

    // Reporting again (a reload) changes nothing.
    expect((await readers[0].post("/api/announcements/seen", { ids: [first] })).status).toBe(204);
    expect(await reachOf(first)).toMatchObject({ seen: ACCOUNTS });

    // Three tabs of every account acknowledge at once: once per account.
    const acks = readers.flatMap((r) => Array.from({ length: 3 }, () => tabOf(r).post(`/api/announcements/${first}/ack`)));
    expect((await Promise.all(acks)).map((res) => res.status)).toEqual(acks.map(() => 204));
    const acked = await reachOf(first);
    expect(acked).toMatchObject({ acknowledged: ACCOUNTS, seen: ACCOUNTS });
    expect(acked.pending.map((p: { name: string }) => p.name)).toEqual(["Admin"]);
    await adminTab.waitForEvent("announcement-reach", (d) => d.id === first && d.acknowledged === ACCOUNTS);
  });

  it("refuses bad reports without storing anything", async () => {
    const id = (await admin.post("/api/admin/announcements", { title: "Strict", audience: "users" })).body.id as string;
    const bad = [{ ids: [] }, { ids: [id], extra: 1 }, { ids: "nope" }, { ids: Array.from({ length: 51 }, () => id) }];
    for (const body of bad) expect((await readers[0].post("/api/announcements/seen", body)).status).toBe(400);
    expect((await new ApiClient(server.url).post("/api/announcements/seen", { ids: [id] })).status).toBe(401);
    // An id that does not exist is ignored, and does not spoil the real one reported beside it.
    expect((await readers[0].post("/api/announcements/seen", { ids: ["c".repeat(25), id] })).status).toBe(204);
    expect((await admin.get(`/api/admin/announcements/${id}/reach`)).body).toMatchObject({ seen: 1 });
  });

  it("writes the reports made just before a graceful stop", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-reach-batch-"));
    const database = await freshDatabase();
    const env: Record<string, string> = database ? { DATABASE_URL: database.url } : {};
    // A batch that would wait a minute: only the flush on the way down can write these reports.
    let first: TestServer | undefined = await startEventsServer({}, { dataDir, env: { ...env, ANNOUNCEMENT_SEEN_FLUSH_MS: "60000" } });
    try {
      const boss = new ApiClient(first.url);
      await boss.signup("Boss");
      const people: ApiClient[] = [];
      for (let i = 0; i < 4; i++) {
        const p = new ApiClient(first.url);
        await p.signup(`Late ${i}`);
        people.push(p);
      }
      const id = (await boss.post("/api/admin/announcements", { title: "Last words", audience: "users" })).body.id as string;
      // The reports are in (queued on the server) but not written when the stop begins.
      const reports = people.flatMap((p) => [tabOf(p).post("/api/announcements/seen", { ids: [id] }), tabOf(p).post("/api/announcements/seen", { ids: [id] })]);
      const { reports: queue } = first.services.announcements;
      for (let waited = 0; queue.queuedSeen < people.length; waited += 10) {
        if (waited > 10_000) throw new Error(`only ${queue.queuedSeen} reports queued`);
        await new Promise((r) => setTimeout(r, 10));
      }
      const stopping = first.stop();
      first = undefined;
      const statuses = (await Promise.all(reports)).map((res) => res.status);
      await stopping;
      expect(statuses).toEqual(statuses.map(() => 204));

      const second = await startEventsServer({}, { dataDir, env });
      try {
        const rows = await second.services.db.announcementSeen.count({ where: { announcementId: id } });
        expect(rows).toBe(people.length);
      } finally {
        await second.stop();
      }
    } finally {
      await first?.stop();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
