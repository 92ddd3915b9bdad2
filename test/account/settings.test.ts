// Settings through the real API (SQLite, or PostgreSQL with TEST_POSTGRES_URL): changing the name,
// the email and the password (the current one required, the password policy applied), and the
// signed-in sessions: listed with their device in plain words, ended one by one or all but this one,
// each ending closing that session's live socket.io and collab connections at once.
import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { CloseVariants } from "../../lib/collab/closeCodes";
import { EmailChangeResponse, SessionListResponse } from "../../lib/contracts/account";
import { UserResponse } from "../../lib/contracts/auth";
import { openRaw } from "../collab/wsClients";
import { connected, openSocket } from "../realtime/helpers";
import { describeDevice } from "../../server/auth/device";
import { TOO_COMMON } from "../../server/auth/passwordPolicy";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const client = (ua?: string) => new ApiClient(server.url, { origin: server.url, ...(ua ? { "user-agent": ua } : {}) });
const put = (c: ApiClient, p: string, body: unknown) => c.request("PUT", p, body);

/** One account signed in on two devices (a laptop's Firefox and a phone's Safari). */
async function twoDevices(name: string) {
  const laptop = client(FIREFOX);
  const user = await laptop.signup(name);
  const phone = client(IPHONE);
  expect((await phone.post("/api/auth/login", { email: user.email, password: user.password })).status).toBe(200);
  return { user, laptop, phone };
}

test("devices in plain words", () => {
  expect(describeDevice(FIREFOX)).toBe("Firefox on Windows");
  expect(describeDevice(IPHONE)).toBe("Safari on iPhone");
  expect(describeDevice("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")).toBe("Chrome on Linux");
  expect(
    describeDevice("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"),
  ).toBe("Edge on macOS");
  expect(describeDevice("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36")).toBe("Chrome on Android");
  expect(describeDevice(null)).toBe("Unknown device");
});

test("the name changes; bad input is refused next to its field", async () => {
  const c = client();
  await c.signup("Nora Name");
  const res = await c.patch("/api/me", { name: "  Nora Renamed " });
  expect(res.status).toBe(200);
  expect(UserResponse.parse(res.body).user.name).toBe("Nora Renamed");
  expect((await c.get("/api/me")).body.user.name).toBe("Nora Renamed");
  const empty = await c.patch("/api/me", { name: "   " });
  expect(empty.status).toBe(400);
  expect(empty.body.error.field).toBe("name");
  expect((await client().patch("/api/me", { name: "Nobody" })).status).toBe(401);
});

test("the email changes only with the current password, never to another account's, and only through its link", async () => {
  const c = client();
  const user = await c.signup("Evan Email");
  const other = await client().signup("Olive Other");
  const fresh = `evan-${Math.random().toString(36).slice(2, 8)}@example.org`;

  const wrong = await put(c, "/api/me/email", { email: fresh, currentPassword: "not my password" });
  expect(wrong.status).toBe(400);
  expect(wrong.body.error).toMatchObject({ field: "currentPassword", message: "That is not your current password." });
  expect((await c.get("/api/me/email")).body).toEqual({ pending: null });

  const taken = await put(c, "/api/me/email", { email: other.email.toUpperCase(), currentPassword: user.password });
  expect(taken.status).toBe(409);
  expect(taken.body.error.field).toBe("email");
  const same = await put(c, "/api/me/email", { email: user.email.toUpperCase(), currentPassword: user.password });
  expect(same.status).toBe(400);
  expect(same.body.error).toMatchObject({ field: "email", message: "That is already your email." });

  // No mail server here: the link comes back to copy, and nothing has changed yet.
  const asked = await put(c, "/api/me/email", { email: fresh.toUpperCase(), currentPassword: user.password });
  expect(asked.status).toBe(202);
  const pending = EmailChangeResponse.parse(asked.body).pending;
  expect(pending).toMatchObject({ email: fresh, emailed: false });
  expect((await c.get("/api/me")).body.user.email).toBe(user.email);
  expect((await c.get("/api/me/email")).body).toEqual({ pending: { email: fresh, expiresAt: pending?.expiresAt, emailed: false } });
  const url = new URL(pending?.url ?? "");
  expect(url.pathname).toMatch(/^\/confirm-email\/[A-Za-z0-9_-]{43}$/);
  const first = url.pathname.split("/").pop() as string;
  // Without mail, a new link to copy may be made at once; the first one stops working.
  const resent = EmailChangeResponse.parse((await c.post("/api/me/email/resend", {})).body).pending;
  const token = new URL(resent?.url ?? "").pathname.split("/").pop() as string;
  expect(token).not.toBe(first);
  expect((await client().get(`/api/auth/email-change/${first}`)).body).toEqual({ state: "invalid" });

  expect((await client().get(`/api/auth/email-change/${token}`)).body).toEqual({ state: "valid", email: fresh });
  const confirmed = await client().post(`/api/auth/email-change/${token}`, {});
  expect(confirmed.status).toBe(200);
  expect(confirmed.body).toEqual({ email: fresh });
  expect((await c.get("/api/me")).body.user.email).toBe(fresh);
  expect((await c.get("/api/me/email")).body).toEqual({ pending: null });
  expect((await client().post("/api/auth/login", { email: fresh, password: user.password })).status).toBe(200);
  expect((await client().post("/api/auth/login", { email: user.email, password: user.password })).status).toBe(401);
  // Once only.
  expect((await client().get(`/api/auth/email-change/${token}`)).body).toEqual({ state: "invalid" });
  expect((await client().post(`/api/auth/email-change/${token}`, {})).status).toBe(404);
});

test("a new password needs the current one and the policy; other sessions end, this one stays", async () => {
  const { user, laptop, phone } = await twoDevices("Pat Password");
  const wrong = await put(laptop, "/api/me/password", { currentPassword: "wrong wrong", newPassword: "a brand new secret" });
  expect(wrong.status).toBe(400);
  expect(wrong.body.error.field).toBe("currentPassword");
  const common = await put(laptop, "/api/me/password", { currentPassword: user.password, newPassword: "password123" });
  expect(common.status).toBe(400);
  expect(common.body.error).toMatchObject({ field: "newPassword", message: TOO_COMMON });
  const short = await put(laptop, "/api/me/password", { currentPassword: user.password, newPassword: "short" });
  expect(short.status).toBe(400);
  expect(short.body.error.field).toBe("newPassword");
  expect((await phone.get("/api/me")).status, "refusals end nothing").toBe(200);

  // The phone has a live socket.io connection: it ends with the session.
  const socket = await connected(openSocket(server.url, { transport: "websocket", cookie: phone.cookie }));
  const disconnected = new Promise<string>((resolve) => socket.once("disconnect", resolve));
  expect((await put(laptop, "/api/me/password", { currentPassword: user.password, newPassword: "a brand new secret" })).status).toBe(204);
  expect(await disconnected).toBe("io server disconnect");
  expect((await laptop.get("/api/me")).status, "this session stays").toBe(200);
  expect((await phone.get("/api/me")).status).toBe(401);
  expect((await client().post("/api/auth/login", { email: user.email, password: user.password })).status).toBe(401);
  expect((await client().post("/api/auth/login", { email: user.email, password: "a brand new secret" })).status).toBe(200);
});

test("wrong current passwords count against the sign-in limits", async () => {
  const c = client();
  const user = await c.signup("Gus Guesser");
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await put(c, "/api/me/email", { email: "x@example.org", currentPassword: `guess ${i}` })).status);
  expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  // Paused: even the right one waits (as at the sign-in form).
  expect((await put(c, "/api/me/password", { currentPassword: user.password, newPassword: "another fine secret" })).status).toBe(429);
});

test("sessions list their device, last use and this device; ending one closes its live connections at once", async () => {
  const { laptop, phone } = await twoDevices("Sid Sessions");
  const listed = SessionListResponse.parse((await laptop.get("/api/me/sessions")).body).sessions;
  expect(listed.map((s) => [s.device, s.current])).toEqual([
    ["Firefox on Windows", true],
    ["Safari on iPhone", false],
  ]);
  expect(listed.every((s) => s.lastUsedAt !== null)).toBe(true);
  expect(SessionListResponse.parse((await phone.get("/api/me/sessions")).body).sessions[0]).toMatchObject({ device: "Safari on iPhone", current: true });

  // The phone is editing: a collab socket and a socket.io connection.
  const doc = (await phone.post("/api/documents", { title: "Phone notes" })).body;
  const collab = openRaw(`${server.url.replace(/^http/, "ws")}/collab/${doc.id}`, { cookie: phone.cookie, origin: server.url });
  await collab.opened;
  const socket = await connected(openSocket(server.url, { transport: "websocket", cookie: phone.cookie }));
  const disconnected = new Promise<string>((resolve) => socket.once("disconnect", resolve));

  const phoneSession = listed.find((s) => !s.current)!;
  const started = Date.now();
  expect((await laptop.delete(`/api/me/sessions/${phoneSession.id}`)).status).toBe(204);
  expect(await collab.closed).toEqual(CloseVariants.SignedOut);
  expect(await disconnected).toBe("io server disconnect");
  expect(Date.now() - started).toBeLessThan(2_000);
  expect((await phone.get("/api/me")).status).toBe(401);
  expect((await laptop.get("/api/me")).status).toBe(200);
  expect(SessionListResponse.parse((await laptop.get("/api/me/sessions")).body).sessions.map((s) => s.current)).toEqual([true]);
  // Someone else's session is not found (nobody ends another account's sessions).
  const stranger = client();
  await stranger.signup("Stan Stranger");
  expect((await stranger.delete(`/api/me/sessions/${listed[0].id}`)).status).toBe(404);
  expect((await laptop.get("/api/me")).status).toBe(200);
});

test("“Sign out everywhere else” ends every other session and keeps this one; tokens need a session for it", async () => {
  const { user, laptop, phone } = await twoDevices("Eve Everywhere");
  const tablet = client();
  expect((await tablet.post("/api/auth/login", { email: user.email, password: user.password })).status).toBe(200);
  const collab = openRaw(`${server.url.replace(/^http/, "ws")}/collab/${(await tablet.post("/api/documents", { title: "T" })).body.id}`, {
    cookie: tablet.cookie,
    origin: server.url,
  });
  await collab.opened;
  const res = await laptop.delete("/api/me/sessions");
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ ended: 2 });
  expect(await collab.closed).toEqual(CloseVariants.SignedOut);
  expect([(await laptop.get("/api/me")).status, (await phone.get("/api/me")).status, (await tablet.get("/api/me")).status]).toEqual([200, 401, 401]);

  const token = (await laptop.post("/api/tokens", { name: "script", scopes: ["documents:read", "documents:write"] })).body.token.token as string;
  const viaToken = await fetch(`${server.url}/api/me/sessions`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } });
  expect(viaToken.status).toBe(403);
  expect((await laptop.get("/api/me")).status).toBe(200);
});

test("a session's last use is recorded at most once a minute", async () => {
  const c = client();
  const user = await c.signup("Lou LastUsed");
  const db = server.services.db;
  const old = new Date(Date.now() - 5 * 60_000);
  await db.session.updateMany({ where: { userId: user.id }, data: { lastUsedAt: old } });
  expect((await c.get("/api/me")).status).toBe(200);
  const until = Date.now() + 2_000;
  let after = old;
  while (after.getTime() === old.getTime() && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20));
    after = (await db.session.findFirstOrThrow({ where: { userId: user.id } })).lastUsedAt!;
  }
  expect(after.getTime()).toBeGreaterThan(old.getTime());
  // Within the minute: no further write.
  expect((await c.get("/api/me")).status).toBe(200);
  await new Promise((r) => setTimeout(r, 100));
  expect((await db.session.findFirstOrThrow({ where: { userId: user.id } })).lastUsedAt!.getTime()).toBe(after.getTime());
});
