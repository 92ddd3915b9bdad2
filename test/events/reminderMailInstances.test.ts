// Acknowledgement reminders by email (server/events/reminderMail.ts) in the hosted mode: two
// instances on one PostgreSQL database and one Redis bus, a real SMTP receiver on loopback. "Remind"
// emails each account that has not acknowledged exactly once (whichever instance takes the request,
// the other does not send too), nobody who acknowledged (on either instance), nobody who unsubscribed;
// every reminder carries its account's unsubscribe link with RFC 8058's one-click header.
import { describe, expect, it } from "vitest";
import { ApiClient } from "../helpers/server";
import { SseReader } from "./helpers";
import { mailHeader } from "./mailParts";
import { mailsArrive, perRecipient, withMailPair, withAdmin } from "./mailSetup";

const DELAY_MS = 300;
const setup = withMailPair(DELAY_MS, "remindmail");

describe("acknowledgement reminders by email on two instances", () => {
  it("emails the pending accounts once per reminder, not those who acknowledged or unsubscribed", async (ctx) => {
    if (!setup.world) return ctx.skip();
    const { smtp, a, b, admin } = await withAdmin(setup.world);
    const awayClient = new ApiClient(a.url);
    const away = await awayClient.signup("Away Pending");
    const onlineClient = new ApiClient(b.url);
    const online = await onlineClient.signup("Online Pending");
    const readerClient = new ApiClient(b.url);
    const reader = await readerClient.signup("Reader");
    const quietClient = new ApiClient(a.url);
    const quiet = await quietClient.signup("Unsubscribed Pending");
    const stream = await SseReader.open(`${b.url}/api/events`, { cookie: onlineClient.cookie });
    await stream.waitForEvent("version");

    const title = `Read the new policy ${Date.now()}`;
    const res = await admin.post("/api/admin/announcements", { title, severity: "info", audience: "users", requiresAck: true });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    await stream.waitForEvent("announcement", (d) => d.id === id);
    // The reader acknowledges on B, the admin on A; the quiet one unsubscribes with a one-click POST.
    expect((await readerClient.post(`/api/announcements/${id}/ack`)).status).toBe(204);
    expect((await admin.post(`/api/announcements/${id}/ack`)).status).toBe(204);
    await a.services.db.user.update({ where: { id: quiet.id }, data: { announcementEmails: false } });

    const first = await admin.post(`/api/admin/announcements/${id}/remind`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ reminded: 3, emailed: 2 });
    // The pending account's stream on the OTHER instance is reminded live too.
    await stream.waitForEvent("announcement-reminder", (d) => d.id === id);
    const mails = await mailsArrive(smtp, title, 2, DELAY_MS + 800);
    expect(perRecipient(smtp, title)).toEqual({ [away.email]: 1, [online.email]: 1 });
    expect(mails.flatMap((m) => m.to)).not.toContain(reader.email);

    const mail = mails.find((m) => m.to.includes(away.email))!;
    expect(mail.subject).toBe(`Please read: ${title}`);
    const link = /(http:\/\/\S+\/api\/unsubscribe\?token=[\w.-]+)/.exec(mail.text)?.[1];
    expect(link).toBeDefined();
    expect(mailHeader(mail.raw, "List-Unsubscribe")).toBe(`<${link}>`);
    expect(mailHeader(mail.raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");

    // The online member acknowledges on B; a reminder sent from B now reaches only the away one, once more.
    expect((await onlineClient.post(`/api/announcements/${id}/ack`)).status).toBe(204);
    const adminOnB = new ApiClient(b.url);
    adminOnB.cookie = admin.cookie;
    const second = await adminOnB.post(`/api/admin/announcements/${id}/remind`);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ reminded: 2, emailed: 1 });
    await mailsArrive(smtp, title, 3, DELAY_MS + 800);
    expect(perRecipient(smtp, title)).toEqual({ [away.email]: 2, [online.email]: 1 });
    stream.close();
  });
});
