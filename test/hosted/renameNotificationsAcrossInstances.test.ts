// The hosted mode, two instances on one PostgreSQL and one Redis: a rename on one instance reaches a
// page open on the other (doc:updated), and a removal on one instance deletes the notifications once
// and tells the bell on the other (one notification:removed, not one per instance).
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import { ask, createDocument, nextEvent, record, roundTrip, share, signUpAndConnect, type Person } from "../realtime/helpers";
import { startBackingServices, type RedisProcess } from "./redisProcess";

let available = true;
let redis: RedisProcess;
let database: { url: string; drop(): Promise<void> } | undefined;
let one: TestServer;
let two: TestServer;
const people: Person[] = [];

beforeAll(async () => {
  const services = await startBackingServices();
  if (!services) {
    available = false; // no PostgreSQL or redis-server here: the hosted mode cannot be tested
    return;
  }
  ({ database, redis } = services);
  const env = { DATABASE_URL: database!.url, REDIS_URL: redis.url, REDIS_PREFIX: `rn${Date.now()}:` };
  one = await startTestServer(env);
  two = await startTestServer(env);
}, 120_000);

afterAll(async () => {
  for (const p of people) p.socket.disconnect();
  await one?.stop();
  await two?.stop();
  await database?.drop();
  await redis?.stop();
});

test("renames and notification removals cross instances, once", { timeout: 120_000 }, async (ctx) => {
  if (!available) return ctx.skip();
  const ana = await signUpAndConnect(one, "Ana", "websocket");
  const ben = await signUpAndConnect(two, "Ben", "polling");
  people.push(ana, ben);
  const doc = await createDocument(ana.api, "Across");
  const shared = nextEvent(ben.socket, "notification:new", (n) => n.kind === "shared", 10_000);
  await share(ana.api, doc.id, ben.user.email, "editor");
  await shared;
  expect((await ask(ben.socket, "doc:join", { documentId: doc.id })).ok).toBe(true);

  const updated = nextEvent(ben.socket, "doc:updated", (p) => p.documentId === doc.id, 10_000);
  expect((await ana.api.patch(`/api/documents/${doc.id}`, { title: "Across, renamed" })).status).toBe(200);
  expect((await updated).title).toBe("Across, renamed");

  const removals = record(ben.socket, "notification:removed");
  const told = nextEvent(ben.socket, "notification:removed", () => true, 10_000);
  expect((await ana.api.delete(`/api/documents/${doc.id}/members/${ben.user.id}`)).status).toBe(204);
  expect(await told).toMatchObject({ unread: 0 });
  await new Promise((r) => setTimeout(r, 500)); // room for a duplicate from the other instance
  await roundTrip(ben.socket);
  expect(removals).toHaveLength(1);
  const inbox = await ask(ben.socket, "notifications:list", {});
  expect(inbox).toMatchObject({ ok: true, notifications: [], unread: 0 });
});
