// Changing one's email through a real SMTP server on loopback (SQLite, or PostgreSQL with
// TEST_POSTGRES_URL): the confirmation link goes to the new address and a notice to the old one; the
// test follows the link from the received message; the email changes only then, once. A resend
// replaces the link (and waits a minute between sends), cancelling kills it, an expired link or an
// address taken meanwhile changes nothing.
import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { EmailChangeResponse, EmailChangeView } from "../../lib/contracts/account";
import { EMAIL_LINK_USED, EMAIL_TAKEN } from "../../server/auth/emailChanges";
import { SmtpReceiver } from "../people/smtpReceiver";

let smtp: SmtpReceiver;
let server: TestServer;
beforeAll(async () => {
  smtp = await SmtpReceiver.start();
  server = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: "Tandem <noreply@tandem.test>" });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

const client = () => new ApiClient(server.url, { origin: server.url });
const freshEmail = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}@example.org`;
const linkIn = (text: string) => {
  const url = /(http:\/\/\S+\/confirm-email\/([A-Za-z0-9_-]+))/.exec(text);
  if (!url) throw new Error(`no confirmation link in: ${text}`);
  return { url: new URL(url[1]), token: url[2] };
};
const follow = async (token: string) => {
  const view = EmailChangeView.parse((await client().get(`/api/auth/email-change/${token}`)).body);
  return { view, confirmed: await client().post(`/api/auth/email-change/${token}`, {}) };
};
/** Makes the waiting change's last link look older, as a minute passing would. */
const age = (userId: string, ms: number) => server.services.db.emailChange.update({ where: { userId }, data: { createdAt: new Date(Date.now() - ms) } });

test("the link goes to the new address, a notice to the old one; following it changes the email, once", async () => {
  const c = client();
  const user = await c.signup("Nia New");
  const next = freshEmail("nia");
  const before = smtp.mails.length;
  const asked = await c.request("PUT", "/api/me/email", { email: next, currentPassword: user.password });
  expect(asked.status).toBe(202);
  const pending = EmailChangeResponse.parse(asked.body).pending;
  expect(pending).toMatchObject({ email: next, emailed: true });
  expect(pending?.url, "an emailed link is not handed back").toBeUndefined();

  const mail = await smtp.mailTo(next, before);
  expect(mail.from).toBe("noreply@tandem.test");
  expect(mail.subject).toBe("Confirm your new email for Tandem");
  const { url, token } = linkIn(mail.text);
  expect(url.origin).toBe(server.url);
  const notice = await smtp.mailTo(user.email, before);
  expect(notice.subject).toBe("Your Tandem email is being changed");
  expect(notice.text).toContain(next);
  expect(notice.text, "the old address gets no link").not.toContain("/confirm-email/");

  const stored = await server.services.db.emailChange.findUniqueOrThrow({ where: { userId: user.id } });
  expect(stored.tokenHash).not.toContain(token);
  expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);
  expect(stored.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
  expect((await c.get("/api/me")).body.user.email, "nothing changes before the link").toBe(user.email);
  expect((await c.get("/api/me/email")).body).toEqual({ pending: { email: next, expiresAt: pending?.expiresAt, emailed: true } });

  const { view, confirmed } = await follow(token);
  expect(view).toEqual({ state: "valid", email: next });
  expect(confirmed.status).toBe(200);
  expect((await c.get("/api/me")).body.user.email).toBe(next);
  expect((await client().post("/api/auth/login", { email: next, password: user.password })).status).toBe(200);
  expect((await client().post("/api/auth/login", { email: user.email, password: user.password })).status).toBe(401);

  const again = await follow(token);
  expect(again.view).toEqual({ state: "invalid" });
  expect(again.confirmed.status).toBe(404);
  expect(again.confirmed.body.error.message).toBe(EMAIL_LINK_USED);
  expect((await client().post("/api/auth/email-change/not-a-token", {})).status).toBe(404);
});

test("a resend replaces the link (not twice a minute); cancelling kills it", async () => {
  const c = client();
  const user = await c.signup("Rex Resend");
  const next = freshEmail("rex");
  const before = smtp.mails.length;
  expect((await c.request("PUT", "/api/me/email", { email: next, currentPassword: user.password })).status).toBe(202);
  const first = linkIn((await smtp.mailTo(next, before)).text);

  const soon = await c.post("/api/me/email/resend", {});
  expect(soon.status).toBe(429);
  await age(user.id, 61_000);
  const afterFirst = smtp.mails.length;
  const resent = await c.post("/api/me/email/resend", {});
  expect(resent.status).toBe(202);
  expect(EmailChangeResponse.parse(resent.body).pending).toMatchObject({ email: next, emailed: true });
  const second = linkIn((await smtp.mailTo(next, afterFirst)).text);
  expect(second.token).not.toBe(first.token);
  expect(
    smtp.mails.slice(afterFirst).some((m) => m.to.includes(user.email)),
    "no second notice",
  ).toBe(false);
  expect((await follow(first.token)).view, "the old link stops working").toEqual({ state: "invalid" });

  expect((await c.request("DELETE", "/api/me/email")).status).toBe(204);
  expect((await c.get("/api/me/email")).body).toEqual({ pending: null });
  expect((await follow(second.token)).confirmed.status).toBe(404);
  expect((await c.get("/api/me")).body.user.email).toBe(user.email);
  expect((await c.post("/api/me/email/resend", {})).status, "nothing left to resend").toBe(404);
});

test("an expired link, or an address taken meanwhile, changes nothing", async () => {
  const c = client();
  const user = await c.signup("Eve Expired");
  const next = freshEmail("eve");
  let before = smtp.mails.length;
  expect((await c.request("PUT", "/api/me/email", { email: next, currentPassword: user.password })).status).toBe(202);
  const expired = linkIn((await smtp.mailTo(next, before)).text);
  await server.services.db.emailChange.update({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  expect((await follow(expired.token)).view).toEqual({ state: "invalid" });
  expect((await c.get("/api/me/email")).body).toEqual({ pending: null });

  const taken = freshEmail("taken");
  before = smtp.mails.length;
  expect((await c.request("PUT", "/api/me/email", { email: taken, currentPassword: user.password })).status).toBe(202);
  const link = linkIn((await smtp.mailTo(taken, before)).text);
  await client().signup("Tess Taker", taken);
  const { confirmed } = await follow(link.token);
  expect(confirmed.status).toBe(409);
  expect(confirmed.body.error.message).toBe(EMAIL_TAKEN);
  expect((await c.get("/api/me")).body.user.email).toBe(user.email);
});
