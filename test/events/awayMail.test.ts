// Email for those who were away (server/events/awayMail.ts), against a real SMTP server on loopback:
// a critical announcement that starts (at once, or when its scheduled start comes) is emailed once to
// each account in its audience with no open event stream, never to one with a stream, never for a
// non-critical one; the email escapes the announcement's text and its unsubscribe link works (a GET
// only shows a confirm page, as mail scanners follow links; the POST, RFC 8058 one-click, unsubscribes).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, type TestServer } from "../helpers/server";
import type { SmtpReceiver } from "../people/smtpReceiver";
import { inMs, SseReader } from "./helpers";
import { mailHeader, mailParts } from "./mailParts";
import { mailsAbout as about, withMailWorld } from "./mailSetup";

const DELAY_MS = 300;
const setup = withMailWorld(DELAY_MS);
let smtp: SmtpReceiver;
let server: TestServer;
let admin: ApiClient;
const people: Record<"admin" | "away" | "online" | "gone", { id: string; email: string }> = {} as never;
let onlineStream: SseReader;

beforeAll(async () => {
  smtp = setup.world.smtp;
  [server] = setup.world.servers;
  admin = new ApiClient(server.url);
  people.admin = await admin.signup("Admin");
  people.away = await new ApiClient(server.url).signup("Away Member");
  const online = new ApiClient(server.url);
  people.online = await online.signup("Online Member");
  people.gone = await new ApiClient(server.url).signup("Gone Member");
  await server.services.db.user.update({ where: { id: people.gone.id }, data: { deactivatedAt: new Date() } });
  // Two tabs of the online member, as a browser would hold.
  onlineStream = await SseReader.open(`${server.url}/api/events`, { cookie: online.cookie });
  const second = await SseReader.open(`${server.url}/api/events`, { cookie: online.cookie });
  await onlineStream.waitForEvent("version");
  await second.waitForEvent("version");
});
afterAll(async () => {
  onlineStream?.close();
});

/** Waits until every account in the audience has its row (the pass is over), then a little longer for stray mail. */
async function settled(announcementId: string, accounts: number): Promise<Record<string, string>> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const rows = await server.services.db.announcementMail.findMany({ where: { announcementId } });
    if (rows.length >= accounts) {
      await new Promise((r) => setTimeout(r, DELAY_MS + 300));
      const again = await server.services.db.announcementMail.findMany({ where: { announcementId } });
      return Object.fromEntries(again.map((r) => [r.userId, r.outcome]));
    }
    if (Date.now() > deadline) throw new Error(`only ${rows.length} of ${accounts} rows for ${announcementId}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const mailsAbout = (title: string) => about(smtp, title);
const flags = async () =>
  Object.fromEntries((await server.services.db.user.findMany({ select: { id: true, announcementEmails: true } })).map((f) => [f.id, f.announcementEmails]));
const ONE_CLICK = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" };

describe("email for those who were away", () => {
  it("emails a critical announcement once to each away account, not to one with a stream or a deactivated one", async () => {
    const title = `<script>alert(1)</script> Outage & "repair" ${Date.now()}`;
    const res = await admin.post("/api/admin/announcements", {
      title,
      body: "Saving is off.\n\nUse <b>nothing</b> & wait.",
      severity: "critical",
      audience: "users",
    });
    expect(res.status).toBe(201);
    // The online member's tab got it live.
    await onlineStream.waitForEvent("announcement", (d) => d.id === res.body.id);

    const outcomes = await settled(res.body.id, 3);
    expect(outcomes).toEqual({ [people.admin.id]: "sent", [people.away.id]: "sent", [people.online.id]: "online" });
    const mails = mailsAbout("Outage");
    expect(mails.map((m) => m.to).sort()).toEqual([[people.admin.email], [people.away.email]].sort());

    const mail = mails.find((m) => m.to.includes(people.away.email))!;
    expect(mail.subject).toBe(`[Tandem] ${title}`);
    const parts = mailParts(mail.raw);
    const text = parts.find((p) => p.type === "text/plain")!.text;
    const html = parts.find((p) => p.type === "text/html")!.text;
    expect(text).toContain("Hello Away Member,");
    expect(text).toContain("Use <b>nothing</b> & wait."); // plain text as written
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Outage &amp; &quot;repair&quot;");
    expect(html).toContain("Use &lt;b&gt;nothing&lt;/b&gt; &amp; wait.");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");

    // The unsubscribe link, also in List-Unsubscribe with RFC 8058's one-click header.
    const link = /(http:\/\/\S+\/api\/unsubscribe\?token=[\w.-]+)/.exec(text)?.[1];
    expect(link).toBeDefined();
    expect(mailHeader(mail.raw, "List-Unsubscribe")).toBe(`<${link}>`);
    expect(mailHeader(mail.raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const before = await flags();
    expect(before[people.away.id]).toBe(true);

    // A GET (what a mail scanner does) only shows a page with a button, and changes nothing.
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("content-security-policy")).toContain("form-action 'self'");
    const confirm = await page.text();
    expect(confirm).toContain("Stop reminder emails?");
    expect(confirm).toMatch(/<form method="post" action="\/api\/unsubscribe\?token=[\w.-]+"><input type="hidden" name="List-Unsubscribe" value="One-Click">/);
    expect(await flags()).toEqual(before);

    // A POST without the one-click form: refused, nothing changed.
    expect((await fetch(link!, { method: "POST" })).status).toBe(400);
    expect((await fetch(link!, { ...ONE_CLICK, body: "List-Unsubscribe=No" })).status).toBe(400);
    expect(await flags()).toEqual(before);

    // A forged or cut token changes nothing, by GET or POST.
    const forged = link!.replace(/\.[\w-]+$/, `.${"A".repeat(43)}`);
    expect((await fetch(forged)).status).toBe(404);
    expect((await fetch(forged, ONE_CLICK)).status).toBe(404);
    expect((await fetch(`${server.url}/api/unsubscribe?token=nonsense`, ONE_CLICK)).status).toBe(404);
    expect(await flags()).toEqual(before);

    // The mail client's one-click POST turns reminder emails off for that account only.
    expect((await fetch(link!, ONE_CLICK)).status).toBe(204);
    expect(await flags()).toEqual({ ...before, [people.away.id]: false });

    // The page's button (a browser form post, multipart here) answers a page; pressing it again is harmless.
    const form = new FormData();
    form.set("List-Unsubscribe", "One-Click");
    const pressed = await fetch(link!, { method: "POST", body: form, headers: { accept: "text/html" } });
    expect(pressed.status).toBe(200);
    expect(await pressed.text()).toContain("You are unsubscribed");
    expect(await flags()).toEqual({ ...before, [people.away.id]: false });
  });

  it("does not email a non-critical announcement", async () => {
    const title = `Routine note ${Date.now()}`;
    const res = await admin.post("/api/admin/announcements", { title, severity: "warning", audience: "everyone" });
    expect(res.status).toBe(201);
    await onlineStream.waitForEvent("announcement", (d) => d.id === res.body.id);
    await new Promise((r) => setTimeout(r, DELAY_MS + 700));
    expect(mailsAbout(title)).toEqual([]);
    expect(await server.services.db.announcementMail.count({ where: { announcementId: res.body.id } })).toBe(0);
  });

  it("emails a scheduled critical announcement when its start comes, only to its audience (admins)", async () => {
    const title = `Scheduled admin outage ${Date.now()}`;
    const before = smtp.mails.length;
    const res = await admin.post("/api/admin/announcements", { title, severity: "critical", audience: "admins", startsAt: inMs(1_200) });
    expect(res.status).toBe(201);
    // Before the start: nothing recorded, nothing sent.
    await new Promise((r) => setTimeout(r, DELAY_MS + 200));
    expect(mailsAbout(title)).toEqual([]);
    expect(await server.services.db.announcementMail.count({ where: { announcementId: res.body.id } })).toBe(0);

    const mail = await smtp.mailTo(people.admin.email, before, 5_000);
    expect(mail.subject).toContain(title);
    const outcomes = await settled(res.body.id, 1);
    expect(outcomes).toEqual({ [people.admin.id]: "sent" });
    expect(mailsAbout(title).map((m) => m.to)).toEqual([[people.admin.email]]);
  });

  it("sends nothing when an announcement is withdrawn before the delay ends", async () => {
    const title = `Withdrawn at once ${Date.now()}`;
    const res = await admin.post("/api/admin/announcements", { title, severity: "critical", audience: "users" });
    expect((await admin.delete(`/api/admin/announcements/${res.body.id}`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, DELAY_MS + 700));
    expect(mailsAbout(title)).toEqual([]);
  });
});
