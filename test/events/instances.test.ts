// Two instances behind one PostgreSQL database and one Redis bus (the hosted mode): an announcement
// published on one reaches streams on the other, and so does a dismissal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, type TestServer } from "../helpers/server";
import { SseReader } from "./helpers";
import { type EventsPair, PAIR_START_MS, startEventsPair } from "./pair";

let pair: EventsPair | null = null;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  pair = await startEventsPair("events");
  if (pair) [a, b] = pair.servers;
}, PAIR_START_MS);
afterAll(async () => {
  await pair?.close();
});

describe("several instances", () => {
  it("delivers announcements and dismissals to streams on every instance", async (ctx) => {
    if (!pair) return ctx.skip();
    const admin = new ApiClient(a.url);
    await admin.signup("Admin");
    const onB = await SseReader.open(`${b.url}/api/events`, { cookie: admin.cookie });
    const onA = await SseReader.open(`${a.url}/api/events`, { cookie: admin.cookie });
    await onB.waitForEvent("version", (d) => d.viewer === "admin");

    const created = (await admin.post("/api/admin/announcements", { title: "From A" })).body;
    await onB.waitForEvent("announcement", (d) => d.id === created.id);
    await onA.waitForEvent("announcement", (d) => d.id === created.id);

    // Dismissed through B: the stream on A hears it too.
    const viaB = new ApiClient(b.url);
    viaB.cookie = admin.cookie;
    expect((await viaB.post(`/api/announcements/${created.id}/dismiss`)).status).toBe(204);
    await onA.waitForEvent("announcement-dismissed", (d) => d.id === created.id);
    await onB.waitForEvent("announcement-dismissed", (d) => d.id === created.id);

    // Revoked on B: gone on A.
    expect((await viaB.delete(`/api/admin/announcements/${created.id}`)).status).toBe(200);
    await onA.waitForEvent("announcement-revoked", (d) => d.id === created.id);
    onA.close();
    onB.close();
  });
});
