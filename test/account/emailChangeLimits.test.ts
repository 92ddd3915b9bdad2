// Asking to change one's email mails a link, so the asking is capped (server/auth/throttle.ts): per
// account and per new address, requests and resends alike, answered 429 on the form's email field.
// Through a real SMTP server on loopback (SQLite, or PostgreSQL with TEST_POSTGRES_URL); and the same
// counters shared through a real Redis by two instances' throttles.
import crypto from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { AuthThrottle, LIMITS } from "../../server/auth/throttle";
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
const ask = (c: ApiClient, password: string, email: string) => c.request("PUT", "/api/me/email", { email, currentPassword: password });

test("one account may ask for a few changes an hour, then 429 next to the email field, and no mail goes", async () => {
  const c = client();
  const user = await c.signup("Flo Flood");
  for (let i = 0; i < LIMITS.emailChangesPerAccountPerHour; i++) expect((await ask(c, user.password, freshEmail(`flo${i}`))).status).toBe(202);
  const before = smtp.mails.length;
  const target = freshEmail("flo-last");
  const refused = await ask(c, user.password, target);
  expect(refused.status).toBe(429);
  expect(refused.body.error).toMatchObject({ code: "rate_limited", field: "email" });
  expect(refused.body.error.message).toMatch(/^You asked to change your email several times in a short while\. Try again in \d+ minutes?\.$/);
  expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
  // A resend mails a link too: it is counted under the same budget.
  await server.services.db.emailChange.update({ where: { userId: user.id }, data: { createdAt: new Date(Date.now() - 61_000) } });
  expect((await c.post("/api/me/email/resend", {})).status).toBe(429);
  await new Promise((r) => setTimeout(r, 200));
  expect(smtp.mails.slice(before), "nothing was sent once refused").toEqual([]);
});

test("one address gets a few links an hour, whichever accounts ask", async () => {
  const target = freshEmail("victim");
  for (let i = 0; i < LIMITS.emailChangeMailsPerAddressPerHour; i++) {
    const c = client();
    const user = await c.signup(`Asker ${i}`);
    expect((await ask(c, user.password, target)).status).toBe(202);
  }
  const c = client();
  const user = await c.signup("Asker Late");
  const refused = await ask(c, user.password, target);
  expect(refused.status).toBe(429);
  expect(refused.body.error).toMatchObject({ field: "email" });
  expect(refused.body.error.message).toMatch(/^That address was sent several confirmation links in a short while\./);
  // The refusal did not spend the account's own budget: another address still works.
  expect((await ask(c, user.password, freshEmail("elsewhere"))).status).toBe(202);
});

test("with Redis, two instances' throttles count one budget", async () => {
  const redis = new Redis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
  const prefix = `tandem-test-email-limits-${crypto.randomUUID().slice(0, 8)}:`;
  try {
    // Ready first: until then the counters fall back to each instance's memory (by design).
    expect(await redis.ping()).toBe("PONG");
    const [a, b] = [new AuthThrottle(redis, prefix), new AuthThrottle(redis, prefix)];
    const userId = crypto.randomUUID();
    const outcomes: string[] = [];
    for (let i = 0; i <= LIMITS.emailChangesPerAccountPerHour; i++) {
      const throttle = i % 2 ? a : b;
      outcomes.push(
        await throttle.beginEmailChangeMail(userId, `n${i}@example.org`).then(
          () => "sent",
          (e: { code?: string }) => e.code ?? "error",
        ),
      );
    }
    expect(outcomes).toEqual([...Array(LIMITS.emailChangesPerAccountPerHour).fill("sent"), "rate_limited"]);
    const keys = await redis.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(
      keys.some((k) => k.includes(userId) || k.includes("@")),
      "counters are keyed by digests",
    ).toBe(false);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
});
