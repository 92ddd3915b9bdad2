// Two instances on one PostgreSQL database and one Redis bus (the hosted mode), both mailing: each
// away account gets exactly one email, and an account whose only stream is on the OTHER instance
// than the one that created the announcement gets none. Several rounds, so a race would show.
import { describe, expect, it } from "vitest";
import { ApiClient } from "../helpers/server";
import { SseReader } from "./helpers";
import { mailsArrive, perRecipient, withMailPair, withAdmin } from "./mailSetup";

const DELAY_MS = 400;
const AWAY = 6;
const setup = withMailPair(DELAY_MS, "awaymail");

describe("away email on several instances", () => {
  it("sends one email per away account, whichever instance has the streams", async (ctx) => {
    if (!setup.world) return ctx.skip();
    const { smtp, a, b, admin } = await withAdmin(setup.world);
    const away: { id: string; email: string }[] = [];
    for (let i = 0; i < AWAY; i++) away.push(await new ApiClient(i % 2 ? b.url : a.url).signup(`Away ${i}`));
    // Online only on B (two tabs), and the admin online on A.
    const onlineClient = new ApiClient(b.url);
    const online = await onlineClient.signup("Online on B");
    const streams = [
      await SseReader.open(`${b.url}/api/events`, { cookie: onlineClient.cookie }),
      await SseReader.open(`${b.url}/api/events`, { cookie: onlineClient.cookie }),
      await SseReader.open(`${a.url}/api/events`, { cookie: admin.cookie }),
    ];
    for (const s of streams) await s.waitForEvent("version");

    for (let round = 0; round < 3; round++) {
      const title = `Hosted outage round ${round} ${Date.now()}`;
      const res = await admin.post("/api/admin/announcements", { title, severity: "critical", audience: "users" });
      expect(res.status).toBe(201);
      await streams[0].waitForEvent("announcement", (d) => d.id === res.body.id);
      // Every away account's mail, then longer than a second pass would need.
      await mailsArrive(smtp, title, AWAY, DELAY_MS + 600);
      expect(perRecipient(smtp, title)).toEqual(Object.fromEntries(away.map((p) => [p.email, 1])));
      const rows = await a.services.db.announcementMail.findMany({ where: { announcementId: res.body.id } });
      const outcomes = Object.fromEntries(rows.map((r) => [r.userId, r.outcome]));
      expect(outcomes[online.id]).toBe("online");
      expect(rows.filter((r) => r.outcome === "sent")).toHaveLength(AWAY);
    }
    for (const s of streams) s.close();
  });
});
