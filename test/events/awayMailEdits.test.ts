// Away email and edits (the rule in server/events/awayMail.ts): editing a critical announcement
// mails no one again; an edit that makes a shown announcement critical mails those away at the time
// of the edit who were not mailed before, and never twice, however often it is edited back and forth.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, type TestServer } from "../helpers/server";
import type { SmtpReceiver } from "../people/smtpReceiver";
import { SseReader } from "./helpers";
import { mailsArrive, perRecipient, sleep, withMailWorld } from "./mailSetup";

const DELAY_MS = 300;
/** Longer than a mailing pass would take to show up. */
const QUIET_MS = DELAY_MS + 700;
const setup = withMailWorld(DELAY_MS);
let smtp: SmtpReceiver;
let server: TestServer;
let admin: ApiClient;
let away: { id: string; email: string };
let online: { id: string; email: string };
let adminUser: { id: string; email: string };
let onlineStream: SseReader;
let onlineClient: ApiClient;

beforeAll(async () => {
  smtp = setup.world.smtp;
  [server] = setup.world.servers;
  admin = new ApiClient(server.url);
  adminUser = await admin.signup("Admin");
  away = await new ApiClient(server.url).signup("Away");
  onlineClient = new ApiClient(server.url);
  online = await onlineClient.signup("Online");
  onlineStream = await SseReader.open(`${server.url}/api/events`, { cookie: onlineClient.cookie });
  await onlineStream.waitForEvent("version");
});
afterAll(async () => {
  onlineStream?.close();
});

const outcomes = async (announcementId: string) =>
  Object.fromEntries((await server.services.db.announcementMail.findMany({ where: { announcementId } })).map((r) => [r.userId, r.outcome]));

describe("away email when an announcement is edited", () => {
  it("does not mail again when a critical announcement is edited", async () => {
    const title = `Critical from the start ${Date.now()}`;
    const res = await admin.post("/api/admin/announcements", { title, severity: "critical", audience: "users" });
    expect(res.status).toBe(201);
    await mailsArrive(smtp, title, 2, QUIET_MS);
    expect(perRecipient(smtp, title)).toEqual({ [adminUser.email]: 1, [away.email]: 1 });

    // A text edit that shows it again (new version), and a plain typo fix: neither mails anyone.
    expect((await admin.patch(`/api/admin/announcements/${res.body.id}`, { body: "Now with details.", showAgain: true })).status).toBe(200);
    expect((await admin.patch(`/api/admin/announcements/${res.body.id}`, { body: "Now with detail." })).status).toBe(200);
    await onlineStream.waitForEvent("announcement", (d) => d.id === res.body.id && d.body === "Now with detail.");
    await sleep(QUIET_MS);
    expect(perRecipient(smtp, title)).toEqual({ [adminUser.email]: 1, [away.email]: 1 });
  });

  it("mails those away at the time of an edit that makes it critical, once, not those online then", async () => {
    const title = `Became critical ${Date.now()}`;
    const res = await admin.post("/api/admin/announcements", { title, severity: "warning", audience: "users" });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    await onlineStream.waitForEvent("announcement", (d) => d.id === id);
    await sleep(QUIET_MS);
    expect(perRecipient(smtp, title)).toEqual({});

    // The admin opens a tab before the edit: online at the time of the edit, so not mailed.
    const adminStream = await SseReader.open(`${server.url}/api/events`, { cookie: admin.cookie });
    await adminStream.waitForEvent("version");
    expect((await admin.patch(`/api/admin/announcements/${id}`, { severity: "critical" })).status).toBe(200);
    await mailsArrive(smtp, title, 1, QUIET_MS);
    expect(perRecipient(smtp, title)).toEqual({ [away.email]: 1 });
    expect(await outcomes(id)).toEqual({ [away.id]: "sent", [adminUser.id]: "online", [online.id]: "online" });
    adminStream.close();

    // Down to a warning and critical again, with everyone but the online member away now: the away
    // account was mailed and the admin had it live, so no one is mailed a second time.
    expect((await admin.patch(`/api/admin/announcements/${id}`, { severity: "warning" })).status).toBe(200);
    await onlineStream.waitForEvent("announcement", (d) => d.id === id && d.severity === "warning");
    expect((await admin.patch(`/api/admin/announcements/${id}`, { severity: "critical" })).status).toBe(200);
    await onlineStream.waitForEvent("announcement", (d) => d.id === id && d.severity === "critical");
    await sleep(QUIET_MS);
    expect(perRecipient(smtp, title)).toEqual({ [away.email]: 1 });
  });

  it("mails an account that joined after the first escalation when it is escalated again", async () => {
    const title = `Escalated twice ${Date.now()}`;
    const res = await admin.post("/api/admin/announcements", { title, severity: "info", audience: "users" });
    const id = res.body.id as string;
    expect((await admin.patch(`/api/admin/announcements/${id}`, { severity: "critical" })).status).toBe(200);
    await mailsArrive(smtp, title, 2, QUIET_MS);
    expect((await admin.patch(`/api/admin/announcements/${id}`, { severity: "info" })).status).toBe(200);
    await onlineStream.waitForEvent("announcement", (d) => d.id === id && d.severity === "info");
    const late = await new ApiClient(server.url).signup("Late");
    expect((await admin.patch(`/api/admin/announcements/${id}`, { severity: "critical" })).status).toBe(200);
    await mailsArrive(smtp, title, 3, QUIET_MS);
    expect(perRecipient(smtp, title)).toEqual({ [adminUser.email]: 1, [away.email]: 1, [late.email]: 1 });
  });
});
