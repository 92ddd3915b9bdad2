// Acknowledgement reminders by email (server/events/reminderMail.ts) in the hosted mode: two
// instances on one PostgreSQL database and one Redis bus, a real SMTP receiver on loopback. "Remind"
// shows the announcement again in the tabs of pending accounts that have one open (on either
// instance, streamPresence.ts) and emails only the pending accounts with no stream anywhere; nobody
// who acknowledged, nobody who unsubscribed. Pressing again within the cooldown, on the same or the
// other instance, or on both at once, emails no one twice (reminderClaims.ts); after it, again.
import { beforeAll, describe, expect, it } from "vitest";
import { ApiClient, type TestServer } from "../helpers/server";
import { SseReader } from "./helpers";
import { mailHeader } from "./mailParts";
import { mailsArrive, perRecipient, sleep, withMailPair, withAdmin } from "./mailSetup";

const DELAY_MS = 300;
const QUIET_MS = DELAY_MS + 800;
const COOLDOWN_MS = 3_600_000;
const setup = withMailPair(DELAY_MS, "remindmail", { REMINDER_EMAIL_COOLDOWN_MS: String(COOLDOWN_MS) });

let world: Awaited<ReturnType<typeof withAdmin>> | undefined;
beforeAll(async () => {
  if (setup.world) world = await withAdmin(setup.world);
});

const as = (server: TestServer, client: ApiClient) => Object.assign(new ApiClient(server.url), { cookie: client.cookie });

describe("acknowledgement reminders by email on two instances", () => {
  it("emails only pending accounts with no open stream anywhere, once per cooldown however often it is pressed", async (ctx) => {
    if (!world) return ctx.skip();
    const { smtp, a, b, admin } = world;
    const adminOnB = as(b, admin);
    const away = await new ApiClient(a.url).signup("Away Pending");
    const onlineClient = new ApiClient(b.url);
    const online = await onlineClient.signup("Online Pending");
    const readerClient = new ApiClient(b.url);
    const reader = await readerClient.signup("Reader");
    const quiet = await new ApiClient(a.url).signup("Unsubscribed Pending");
    // The online account's tab is on B; the request below goes to A, which must learn of it through Redis.
    const stream = await SseReader.open(`${b.url}/api/events`, { cookie: onlineClient.cookie });
    await stream.waitForEvent("version");

    const title = `Read the new policy ${Date.now()}`;
    const res = await admin.post("/api/admin/announcements", { title, severity: "info", audience: "users", requiresAck: true });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    await stream.waitForEvent("announcement", (d) => d.id === id);
    expect((await readerClient.post(`/api/announcements/${id}/ack`)).status).toBe(204);
    expect((await admin.post(`/api/announcements/${id}/ack`)).status).toBe(204);
    await a.services.db.user.update({ where: { id: quiet.id }, data: { announcementEmails: false } });

    const first = await admin.post(`/api/admin/announcements/${id}/remind`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ pending: 3, inApp: 1, away: 2, emailed: 1, skippedRecentlyReminded: 0, emailEnabled: true });
    await stream.waitForEvent("announcement-reminder", (d) => d.id === id);
    const mails = await mailsArrive(smtp, title, 1, QUIET_MS);
    expect(perRecipient(smtp, title)).toEqual({ [away.email]: 1 });
    expect(mails.flatMap((m) => m.to)).not.toContain(reader.email);
    const mail = mails[0];
    expect(mail.subject).toBe(`Please read: ${title}`);
    const link = /(http:\/\/\S+\/api\/unsubscribe\?token=[\w.-]+)/.exec(mail.text)?.[1];
    expect(link).toBeDefined();
    expect(mailHeader(mail.raw, "List-Unsubscribe")).toBe(`<${link}>`);
    expect(mailHeader(mail.raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");

    // Pressed again, on the other instance, within the cooldown: shown again in the app, no second email.
    const again = await adminOnB.post(`/api/admin/announcements/${id}/remind`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ pending: 3, inApp: 1, away: 2, emailed: 0, skippedRecentlyReminded: 1, emailEnabled: true });
    await sleep(QUIET_MS);
    expect(perRecipient(smtp, title)).toEqual({ [away.email]: 1 });

    // The online account closes its tab: once B has let go of it, A counts it as away, and it is emailed.
    stream.close();
    const deadline = Date.now() + 10_000;
    while ((await a.services.announcements.presence!.online([online.id])).size > 0) {
      if (Date.now() > deadline) throw new Error("A still counts the closed stream on B as open");
      await sleep(50);
    }
    const afterClose = await admin.post(`/api/admin/announcements/${id}/remind`);
    expect(afterClose.body).toEqual({ pending: 3, inApp: 0, away: 3, emailed: 1, skippedRecentlyReminded: 1, emailEnabled: true });
    await mailsArrive(smtp, title, 2, QUIET_MS);
    expect(perRecipient(smtp, title)).toEqual({ [away.email]: 1, [online.email]: 1 });

    // Once the cooldown has passed (its stored time moved back), the next reminder emails again.
    await a.services.db.announcementReminderMail.updateMany({
      where: { announcementId: id, userId: away.id },
      data: { sentAt: new Date(Date.now() - COOLDOWN_MS - 1000) },
    });
    const later = await adminOnB.post(`/api/admin/announcements/${id}/remind`);
    expect(later.body).toMatchObject({ emailed: 1, skippedRecentlyReminded: 1 });
    await mailsArrive(smtp, title, 3, QUIET_MS);
    expect(perRecipient(smtp, title)).toEqual({ [away.email]: 2, [online.email]: 1 });
  });

  it("sends one email per account when both instances are pressed at the same moment", async (ctx) => {
    if (!world) return ctx.skip();
    const { smtp, a, b, admin } = world;
    const away = await Promise.all(["One", "Two", "Three"].map((n) => new ApiClient(b.url).signup(`Away ${n}`)));
    const title = `Concurrent reminder ${Date.now()}`;
    const { body } = await admin.post("/api/admin/announcements", { title, severity: "info", audience: "users", requiresAck: true });
    const id = body.id as string;
    // No one has a stream open now: every pending account that takes reminder emails is mailed, once.
    const subscribed = await a.services.db.user.findMany({ where: { announcementEmails: true, deactivatedAt: null }, select: { email: true } });

    for (let round = 0; round < 3; round++) {
      const [onA, onB] = await Promise.all([admin, as(b, admin)].map((c) => c.post(`/api/admin/announcements/${id}/remind`)));
      expect(onA.status).toBe(200);
      expect(onB.status).toBe(200);
      // Every subscribed away account is emailed by exactly one of the two, in the first round only;
      // each answer counts the rest as recently reminded.
      expect(onA.body.emailed + onB.body.emailed).toBe(round === 0 ? subscribed.length : 0);
      expect(onA.body.emailed + onA.body.skippedRecentlyReminded).toBe(subscribed.length);
      expect(onB.body.emailed + onB.body.skippedRecentlyReminded).toBe(subscribed.length);
    }
    await mailsArrive(smtp, title, subscribed.length, QUIET_MS);
    const counts = perRecipient(smtp, title);
    for (const person of away) expect(counts[person.email]).toBe(1);
    expect(counts).toEqual(Object.fromEntries(subscribed.map((u) => [u.email, 1])));
  });
});
