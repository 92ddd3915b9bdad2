// Password resets end to end (SQLite, or PostgreSQL with TEST_POSTGRES_URL): "Forgot password?" mails
// a link through a real SMTP server on loopback (smtp-server), the test follows it, sets a new
// password and every session ends; the link works once and for an hour; an unknown email gets the
// same answer and no mail; requests are rate limited; an administrator can make a link to copy.
import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { FORGOT_PASSWORD_ANSWER, ResetLinkResponse, ResetView } from "../../lib/contracts/account";
import { LIMITS } from "../../server/auth/throttle";
import { RESET_LINK_USED } from "../../server/auth/passwordResets";
import { SmtpReceiver } from "../people/smtpReceiver";
import { connected, openSocket } from "../realtime/helpers";

let smtp: SmtpReceiver;
let server: TestServer;
let admin: ApiClient;
beforeAll(async () => {
  smtp = await SmtpReceiver.start();
  // TRUST_PROXY: each test says which network it asks from (X-Forwarded-For), so their budgets stay apart.
  server = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: "Tandem <noreply@tandem.test>", TRUST_PROXY: "1" });
  admin = client("10.0.0.1");
  await admin.signup("Ada Admin"); // the first account is the administrator
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

const client = (network: string) => new ApiClient(server.url, { origin: server.url, "x-forwarded-for": network });
const forgot = (c: ApiClient, email: string) => c.post("/api/auth/forgot-password", { email });
const tokenIn = (text: string) => {
  const url = /(http:\/\/\S+\/reset\/([A-Za-z0-9_-]+))/.exec(text);
  if (!url) throw new Error(`no reset link in: ${text}`);
  return { url: new URL(url[1]), token: url[2] };
};
const noMailTo = async (email: string, after: number) => {
  await new Promise((r) => setTimeout(r, 500));
  return !smtp.mails.slice(after).some((m) => m.to.includes(email));
};

test("a reset link is emailed, works once, and ends every session of the account", async () => {
  const rita = client("10.1.0.1");
  const user = await rita.signup("Rita Reset");
  const socket = await connected(openSocket(server.url, { transport: "websocket", cookie: rita.cookie }));
  const disconnected = new Promise<string>((resolve) => socket.once("disconnect", resolve));
  const before = smtp.mails.length;
  const asked = await forgot(client("10.1.0.2"), user.email.toUpperCase());
  expect(asked.status).toBe(202);
  expect(asked.body).toEqual({ message: FORGOT_PASSWORD_ANSWER });

  const mail = await smtp.mailTo(user.email, before);
  expect(mail.from).toBe("noreply@tandem.test");
  expect(mail.subject).toBe("Choose a new password for Tandem");
  const { url, token } = tokenIn(mail.text);
  expect(url.origin).toBe(server.url);
  const stored = await server.services.db.passwordReset.findFirstOrThrow({ where: { userId: user.id } });
  expect(stored.tokenHash).not.toContain(token);
  expect(stored.createdById).toBeNull();
  expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
  expect(stored.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);

  const visitor = client("10.1.0.3");
  expect(ResetView.parse((await visitor.get(`/api/auth/reset/${token}`)).body)).toMatchObject({ state: "valid", email: user.email });
  const common = await visitor.post(`/api/auth/reset/${token}`, { password: "password123" });
  expect(common.status).toBe(400);
  expect(common.body.error.field).toBe("password");
  expect((await visitor.post(`/api/auth/reset/${token}`, { password: "a fresh start here" })).status).toBe(204);

  expect(await disconnected).toBe("io server disconnect");
  expect((await rita.get("/api/me")).status).toBe(401);
  expect(await server.services.db.session.count({ where: { userId: user.id } })).toBe(0);
  expect((await client("10.1.0.4").post("/api/auth/login", { email: user.email, password: "a fresh start here" })).status).toBe(200);
  expect((await client("10.1.0.4").post("/api/auth/login", { email: user.email, password: user.password })).status).toBe(401);

  // Single use.
  const again = await visitor.post(`/api/auth/reset/${token}`, { password: "yet another secret" });
  expect(again.status).toBe(404);
  expect(again.body.error.message).toBe(RESET_LINK_USED);
  expect(ResetView.parse((await visitor.get(`/api/auth/reset/${token}`)).body)).toEqual({ state: "invalid" });
});

test("an unknown email gets the very same answer, and no mail goes anywhere", async () => {
  const before = smtp.mails.length;
  const email = `nobody-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const res = await forgot(client("10.2.0.1"), email);
  expect(res.status).toBe(202);
  expect(res.body).toEqual({ message: FORGOT_PASSWORD_ANSWER });
  expect(await noMailTo(email, before)).toBe(true);
  expect(smtp.mails.length).toBe(before);
});

test("a link expires after an hour", async () => {
  const c = client("10.3.0.1");
  const user = await c.signup("Ed Expired");
  const before = smtp.mails.length;
  await forgot(c, user.email);
  const { token } = tokenIn((await smtp.mailTo(user.email, before)).text);
  await server.services.db.passwordReset.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  expect(ResetView.parse((await c.get(`/api/auth/reset/${token}`)).body)).toEqual({ state: "invalid" });
  const res = await c.post(`/api/auth/reset/${token}`, { password: "too late for this" });
  expect(res.status).toBe(404);
  expect((await c.get("/api/me")).status, "nothing changed").toBe(200);
  expect((await client("10.3.0.2").post("/api/auth/login", { email: user.email, password: user.password })).status).toBe(200);
});

test("one email gets a few links an hour, silently; one network is refused past its budget", async () => {
  const c = client("10.4.0.1");
  const user = await c.signup("Flo Flood");
  const before = smtp.mails.length;
  for (let i = 0; i < LIMITS.resetMailsPerEmailPerHour + 2; i++) {
    const res = await forgot(c, user.email);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ message: FORGOT_PASSWORD_ANSWER });
  }
  await smtp.mailTo(user.email, before);
  await new Promise((r) => setTimeout(r, 500));
  expect(smtp.mails.slice(before).filter((m) => m.to.includes(user.email)).length).toBe(LIMITS.resetMailsPerEmailPerHour);

  const flooder = client("10.5.0.1");
  const statuses: number[] = [];
  for (let i = 0; i <= LIMITS.resetRequestsPerAddressPerHour; i++) statuses.push((await forgot(flooder, `x${i}@example.org`)).status);
  expect(statuses.slice(0, -1).every((s) => s === 202)).toBe(true);
  expect(statuses.at(-1)).toBe(429);
  expect((await forgot(client("10.6.0.1"), "x@example.org")).status, "another network is not affected").toBe(202);
});

test("an administrator makes a link for a person, shown once; others may not", async () => {
  const c = client("10.7.0.1");
  const user = await c.signup("Pia Person");
  const before = smtp.mails.length;
  const res = await admin.post(`/api/admin/people/${user.id}/reset-link`);
  expect(res.status).toBe(201);
  const link = ResetLinkResponse.parse(res.body);
  const token = new URL(link.url).pathname.split("/").pop()!;
  expect(new URL(link.url).pathname).toMatch(/^\/reset\//);
  expect(await noMailTo(user.email, before), "an administrator's link is not emailed").toBe(true);
  const adminId = (await admin.get("/api/me")).body.user.id;
  expect((await server.services.db.passwordReset.findFirstOrThrow({ where: { userId: user.id } })).createdById).toBe(adminId);

  expect((await c.post(`/api/admin/people/${user.id}/reset-link`)).status).toBe(403);
  expect((await client("10.7.0.2").post(`/api/admin/people/${user.id}/reset-link`)).status).toBe(401);
  expect((await admin.post("/api/admin/people/no-such-person/reset-link")).status).toBe(404);
  // A deactivated account's link would not work: refused, and none is made.
  const gone = await client("10.7.0.4").signup("Dee Deactivated");
  expect((await admin.patch(`/api/admin/people/${gone.id}`, { deactivated: true })).status).toBe(200);
  expect((await admin.post(`/api/admin/people/${gone.id}/reset-link`)).status).toBe(409);
  expect(await server.services.db.passwordReset.count({ where: { userId: gone.id } })).toBe(0);

  const visitor = client("10.7.0.3");
  expect((await visitor.post(`/api/auth/reset/${token}`, { password: "chosen by pia now" })).status).toBe(204);
  expect((await c.get("/api/me")).status).toBe(401);
  expect((await visitor.post("/api/auth/login", { email: user.email, password: "chosen by pia now" })).status).toBe(200);
});

test("malformed tokens and bodies are refused plainly", async () => {
  const c = client("10.8.0.1");
  expect((await c.get("/api/auth/reset/short")).status).toBe(404);
  expect((await c.post(`/api/auth/reset/${"a".repeat(43)}`, { password: "long enough pass" })).status).toBe(404);
  const bad = await c.post("/api/auth/forgot-password", { email: "not an email" });
  expect(bad.status).toBe(400);
  expect(bad.body.error.field).toBe("email");
});
