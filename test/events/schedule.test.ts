// Scheduled announcements appear at their start and disappear at their end with no request in between.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, type TestServer } from "../helpers/server";
import { SseReader, inMs, startEventsServer } from "./helpers";

let server: TestServer;
let admin: ApiClient;

beforeAll(async () => {
  server = await startEventsServer();
  admin = new ApiClient(server.url);
  await admin.signup("Admin");
});
afterAll(() => server.stop());

describe("the schedule timer", () => {
  it("emits the announcement at its start time and revokes it at its end time", async () => {
    const stream = await SseReader.open(`${server.url}/api/events`);
    await stream.waitForEvent("version");
    const startsAt = inMs(1000);
    const endsAt = inMs(2200);
    const created = await admin.post("/api/admin/announcements", { title: "Soon", startsAt, endsAt });
    expect(created.body.status).toBe("scheduled");
    expect(stream.named("announcement")).toHaveLength(0);

    const shown = await stream.waitForEvent("announcement", (d) => d.id === created.body.id, 5000);
    const shownAt = Date.now();
    expect(shownAt).toBeGreaterThanOrEqual(Date.parse(startsAt));
    await stream.waitForEvent("announcement-revoked", (d) => d.id === created.body.id, 5000);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(endsAt));
    console.log(`shown ${shownAt - Date.parse(startsAt)} ms after startsAt`);
    expect(shown.data.title).toBe("Soon");
    const list = (await admin.get("/api/admin/announcements")).body.announcements;
    expect(list[0].status).toBe("ended");
    stream.close();
  });

  it("shows a maintenance notice right away, as a maintenance event counting down to its start", async () => {
    const stream = await SseReader.open(`${server.url}/api/events`);
    const startsAt = inMs(3600_000);
    const created = await admin.post("/api/admin/announcements", {
      title: "Database upgrade",
      kind: "maintenance",
      startsAt,
      endsAt: inMs(7200_000),
      severity: "warning",
    });
    expect(created.body.status).toBe("active");
    const frame = await stream.waitForEvent("maintenance", (d) => d.id === created.body.id);
    expect(frame.data.startsAt).toBe(new Date(startsAt).toISOString());
    stream.close();
  });
});
