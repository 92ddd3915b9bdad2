// Two instances on one PostgreSQL database and one Redis bus (the hosted mode), both mailing: each
// away account gets exactly one email, and an account whose only stream is on the OTHER instance
// than the one that created the announcement gets none. Several rounds, so a race would show.
import pg from "pg";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, type TestServer } from "../helpers/server";
import { SmtpReceiver } from "../people/smtpReceiver";
import { SseReader, startEventsServer } from "./helpers";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PG_BASE = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432";
const dbName = `tandem_awaymail_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const DELAY_MS = 400;
const AWAY = 6;
let ready = false;
let smtp: SmtpReceiver;
let a: TestServer;
let b: TestServer;

async function pgAdmin(sql: string): Promise<boolean> {
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

beforeAll(async () => {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  const redisUp = await probe.connect().then(
    () => true,
    () => false,
  );
  probe.disconnect();
  if (!redisUp || !(await pgAdmin(`CREATE DATABASE ${dbName}`))) return;
  smtp = await SmtpReceiver.start();
  const env = {
    REDIS_URL,
    REDIS_PREFIX: `tandem-awaymail-test-${Math.random().toString(36).slice(2)}:`,
    DATABASE_URL: `${PG_BASE}/${dbName}`,
    SMTP_URL: smtp.url,
    ANNOUNCEMENT_EMAIL_DELAY_MS: String(DELAY_MS),
  };
  a = await startEventsServer({}, { env });
  b = await startEventsServer({}, { env, dataDir: a.dataDir });
  ready = true;
  // Two instances migrating one fresh PostgreSQL database took 40 s on a loaded two-core machine.
}, 180_000);
afterAll(async () => {
  await b?.stop();
  await a?.stop();
  await smtp?.close();
  await pgAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
});

describe("away email on several instances", () => {
  it("sends one email per away account, whichever instance has the streams", async (ctx) => {
    if (!ready) return ctx.skip();
    const admin = new ApiClient(a.url);
    await admin.signup("Admin");
    const away: { id: string; email: string }[] = [];
    for (let i = 0; i < AWAY; i++) away.push(await new ApiClient(i % 2 ? b.url : a.url).signup(`Away ${i}`));
    // Online only on B (two tabs), and the admin online on A.
    const onlineClient = new ApiClient(b.url);
    const online = await onlineClient.signup("Online on B");
    const streams = [
      await SseReader.open(`${b.url}/api/events`, { cookie: onlineClient.cookie }),
      await SseReader.open(`${b.url}/api/events`, { cookie: onlineClient.cookie }),
      await SseReader.open(`${a.url}/api/events`, { cookie: admin.cookie }),
    ];
    for (const s of streams) await s.waitForEvent("version");

    for (let round = 0; round < 3; round++) {
      const title = `Hosted outage round ${round} ${Date.now()}`;
      const res = await admin.post("/api/admin/announcements", { title, severity: "critical", audience: "users" });
      expect(res.status).toBe(201);
      await streams[0].waitForEvent("announcement", (d) => d.id === res.body.id);
      // Wait for every away account's mail, then longer than a second pass would need.
      for (const p of away) await smtp.mailTo(p.email, 0, 10_000).then(() => undefined);
      const deadline = Date.now() + 10_000;
      while (smtp.mails.filter((m) => m.subject.includes(title)).length < AWAY && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, DELAY_MS + 600));

      const mails = smtp.mails.filter((m) => m.subject.includes(title));
      const perAccount = new Map<string, number>();
      for (const m of mails) for (const to of m.to) perAccount.set(to, (perAccount.get(to) ?? 0) + 1);
      expect(Object.fromEntries(perAccount)).toEqual(Object.fromEntries(away.map((p) => [p.email, 1])));
      const rows = await a.services.db.announcementMail.findMany({ where: { announcementId: res.body.id } });
      const outcomes = Object.fromEntries(rows.map((r) => [r.userId, r.outcome]));
      expect(outcomes[online.id]).toBe("online");
      expect(rows.filter((r) => r.outcome === "sent")).toHaveLength(AWAY);
    }
    for (const s of streams) s.close();
  });
});
