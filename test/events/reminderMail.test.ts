// "Remind" on one instance (server/events/announcementService.ts), against a real SMTP receiver on
// loopback and the test's database (SQLite by default): the pending account with a tab open is shown
// it again in the app and not emailed, the away one is emailed once; a second press within the
// cooldown answers what it did (nothing emailed, one recently reminded) and sends nothing.
import { describe, expect, it } from "vitest";
import { ApiClient } from "../helpers/server";
import { SseReader } from "./helpers";
import { mailsArrive, perRecipient, sleep, withMailWorld } from "./mailSetup";

const DELAY_MS = 300;
const setup = withMailWorld(DELAY_MS);

describe("acknowledgement reminders on one instance", () => {
  it("emails only the away account, and not again within the cooldown", async () => {
    const { smtp, servers } = setup.world;
    const [server] = servers;
    const admin = new ApiClient(server.url);
    await admin.signup("Admin");
    const onlineClient = new ApiClient(server.url);
    const online = await onlineClient.signup("Online Pending");
    const away = await new ApiClient(server.url).signup("Away Pending");
    const tab = await SseReader.open(`${server.url}/api/events`, { cookie: onlineClient.cookie });
    await tab.waitForEvent("version");
    const title = `Sign the handbook ${Date.now()}`;
    const { body } = await admin.post("/api/admin/announcements", { title, severity: "info", audience: "users", requiresAck: true });
    expect((await admin.post(`/api/announcements/${body.id}/ack`)).status).toBe(204);

    const first = await admin.post(`/api/admin/announcements/${body.id}/remind`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ pending: 2, inApp: 1, away: 1, emailed: 1, skippedRecentlyReminded: 0, emailEnabled: true });
    await tab.waitForEvent("announcement-reminder", (d) => d.id === body.id);
    await mailsArrive(smtp, title, 1, DELAY_MS + 500);

    const second = await admin.post(`/api/admin/announcements/${body.id}/remind`);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ pending: 2, inApp: 1, away: 1, emailed: 0, skippedRecentlyReminded: 1, emailEnabled: true });
    await sleep(DELAY_MS + 500);
    expect(perRecipient(smtp, title)).toEqual({ [away.email]: 1 });
    expect(perRecipient(smtp, title)[online.email]).toBeUndefined();
    tab.close();
  });
});
