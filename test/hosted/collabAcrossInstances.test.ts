// The hosted mode's collab: two instances on one PostgreSQL database and one Redis. Stock y-websocket
// clients on different instances co-edit; each update is stored once; when Redis goes away both keep
// serving their own peers, and when it returns they converge (state exchange, not only pub/sub).
import { afterAll, beforeAll, expect, test } from "vitest";
import type * as Y from "yjs";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { collabOf } from "../../server/collab/collabChannel";
import { documentText } from "../../server/collab/documentText";
import { appendParagraph } from "../collab/fakes";
import { closeSession, openProvider, synced, until, type Session } from "../collab/wsClients";
import { startBackingServices, type RedisProcess } from "./redisProcess";

let redis: RedisProcess;
let database: { url: string; drop(): Promise<void> } | undefined;
let one: TestServer;
let two: TestServer;
const sessions: Session[] = [];
let available = true;

beforeAll(async () => {
  const services = await startBackingServices();
  if (!services) {
    available = false; // no PostgreSQL or redis-server here: the hosted mode cannot be tested
    return;
  }
  ({ database, redis } = services);
  const env = { DATABASE_URL: database!.url, REDIS_URL: redis.url, REDIS_PREFIX: `t${Date.now()}:` };
  // Both start at once on the fresh database: `migrate deploy` must be safe to race (Prisma takes an
  // advisory lock on PostgreSQL, so one migrates and the other finds nothing to do).
  [one, two] = await Promise.all([startTestServer(env), startTestServer(env)]);
}, 120_000);

// Both instances stop at once, with room for a loaded CI machine (this hook once took over 60 s there).
afterAll(async () => {
  for (const s of sessions) closeSession(s);
  await Promise.all([one?.stop(), two?.stop()]);
  await database?.drop();
  await redis?.stop();
}, 150_000);

async function tokenFor(api: ApiClient): Promise<string> {
  return (await api.post("/api/tokens", { name: "hosted test" })).body.token.token;
}

function open(server: TestServer, documentId: string, token: string): Session {
  const s = openProvider(server.url.replace(/^http/, "ws") + "/collab", documentId, token);
  sessions.push(s);
  return s;
}

const lines = (doc: Y.Doc) => documentText(doc).split("\n").filter(Boolean);

test("co-editing across instances, stored once, converging after a Redis outage", { timeout: 120_000 }, async (ctx) => {
  if (!available) return ctx.skip();
  const ana = new ApiClient(one.url);
  await ana.signup("Ana");
  const ben = new ApiClient(two.url);
  const benUser = await ben.signup("Ben");
  const doc = (await ana.post("/api/documents", { title: "Across" })).body;
  await ana.post(`/api/documents/${doc.id}/members`, { email: benUser.email, role: "editor" });

  const a = open(one, doc.id, await tokenFor(ana));
  const b = open(two, doc.id, await tokenFor(ben));
  await Promise.all([synced(a), synced(b)]);

  // 1. Live co-editing across instances.
  const started = performance.now();
  appendParagraph(a.doc, "hello from instance one");
  await until(() => lines(b.doc).includes("hello from instance one"), 10_000, "edit to cross instances");
  console.log(`[hosted] edit crossed instances in ${(performance.now() - started).toFixed(1)} ms`);
  for (let i = 0; i < 10; i++) {
    appendParagraph(a.doc, `a${i}`);
    appendParagraph(b.doc, `b${i}`);
  }
  await until(() => lines(a.doc).length === 21 && lines(b.doc).length === 21, 10_000, "convergence");

  // 2. Each update stored once: by the instance that accepted it, never by the one that relayed it.
  const stored = async () => {
    await collabOf(one.services)!.store.flush();
    await collabOf(two.services)!.store.flush();
    const [a, b] = [collabOf(one.services)!.stats().store, collabOf(two.services)!.stats().store];
    const rows = await one.services.db.documentUpdate.count({ where: { documentId: doc.id } });
    return { updates: a.updatesWritten + b.updatesWritten, rows };
  };
  let s = await stored();
  expect(s.updates).toBe(21); // 1 + 10 from one, 10 from two: no instance stored the other's
  expect(s.rows).toBe(21); // one row per update

  // 3. Redis goes away: each instance keeps serving its own peers; edits on both sides.
  await redis.stop();
  appendParagraph(a.doc, "offline-from-redis on one");
  appendParagraph(b.doc, "offline-from-redis on two");
  await new Promise((r) => setTimeout(r, 300));
  expect(lines(b.doc)).not.toContain("offline-from-redis on one");
  // Their own server stored them, so nothing depends on Redis coming back for durability.
  s = await stored();
  expect(s.updates).toBe(23);

  // 4. Redis returns: the instances exchange state and both sides converge.
  await redis.start();
  await until(
    () => lines(a.doc).includes("offline-from-redis on two") && lines(b.doc).includes("offline-from-redis on one"),
    30_000,
    "convergence after Redis returned",
  );
  expect(documentText(a.doc)).toBe(documentText(b.doc));
  expect(lines(a.doc)).toHaveLength(23);
  // Nothing was stored again by the resync.
  s = await stored();
  expect(s.updates).toBe(23);
  expect(s.rows).toBe(23);
});
