// The access authority on its own, with a real bus and database: timers for sessions longer than
// setTimeout can wait, a revocation that overtakes a connection still authorizing, and deletion.
import { afterAll, beforeAll, afterEach, expect, test, vi } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import { LocalEventBus } from "../../server/bus/bus";
import { LiveAccess, type EndReason } from "../../server/access/liveAccess";
import { SESSION_TTL_SECONDS } from "../../server/auth/auth";

let server: TestServer;
const bus = new LocalEventBus();
let access: LiveAccess;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});
afterEach(() => {
  access?.stop();
  vi.useRealTimers();
});

const YEAR_MS = 365 * 24 * 3600_000;
function authority() {
  // The re-check is pushed out of the way: these tests are about timers and events.
  access = new LiveAccess({ db: server.services.db, bus, log: server.services.log }, YEAR_MS);
  return access;
}

function connection() {
  const ended: EndReason[] = [];
  return { ended, end: (reason: EndReason) => ended.push(reason) };
}

test("a 30-day session is not ended early (setTimeout's 24.8-day limit) and is ended at its expiry", () => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  const a = authority();
  const c = connection();
  const ttl = SESSION_TTL_SECONDS * 1000;
  const handle = a.register({ credentialId: "c1", userId: "u1", expiresAt: new Date(Date.now() + ttl), connection: c });
  vi.advanceTimersByTime(ttl - 1_000);
  expect(c.ended).toEqual([]);
  expect(handle.allows()).toBe(true);
  vi.advanceTimersByTime(1_000);
  expect(c.ended).toEqual(["session-ended"]);
  expect(handle.allows()).toBe(false);
  expect(a.connectionCount).toBe(0);
});

test("allows() refuses once the expiry has passed, even before the timer has run", () => {
  vi.useFakeTimers({ toFake: ["Date"] }); // the clock moves, the timer does not get a chance
  const a = authority();
  const c = connection();
  const handle = a.register({ credentialId: "c2", userId: "u1", expiresAt: new Date(Date.now() + 1_000), connection: c });
  vi.setSystemTime(Date.now() + 1_000);
  expect(handle.allows()).toBe(false);
  expect(c.ended).toEqual(["session-ended"]);
});

test("a revocation that arrived while a connection was still authorizing ends it as soon as it registers", async () => {
  const a = authority();
  await bus.publish({ type: "credential.revoked", credentialId: "c3" });
  const c = connection();
  const handle = a.register({ credentialId: "c3", userId: "u1", expiresAt: null, connection: c });
  await Promise.resolve();
  expect(c.ended).toEqual(["signed-out"]);
  expect(handle.allows()).toBe(false);
});

test("one revocation ends every connection of that credential and no other; deletion ends the document's", async () => {
  const a = authority();
  const [x, y, other, doc] = [connection(), connection(), connection(), connection()];
  a.register({ credentialId: "c4", userId: "u1", expiresAt: null, connection: x });
  a.register({ credentialId: "c4", userId: "u1", documentId: "d1", expiresAt: null, connection: y });
  a.register({ credentialId: "c5", userId: "u2", expiresAt: null, connection: other });
  a.register({ credentialId: "c5", userId: "u2", documentId: "d2", expiresAt: null, connection: doc });
  await bus.publish({ type: "credential.revoked", credentialId: "c4" });
  expect([x.ended, y.ended, other.ended]).toEqual([["signed-out"], ["signed-out"], []]);
  await bus.publish({ type: "document.deleted", documentId: "d2", title: "t", userIds: ["u2"], byUserId: "u2" });
  expect([other.ended, doc.ended]).toEqual([[], ["document-deleted"]]);
  expect(a.wasDeletedFor("d2", "u2")).toBe(true);
  expect(a.wasDeletedFor("d2", "u9")).toBe(false);
  expect(a.connectionCount).toBe(1);
});
