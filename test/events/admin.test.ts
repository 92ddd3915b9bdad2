// The admin API: who may publish, what is valid, defaults, statuses, edit and revoke reaching open streams.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { SseReader, inMs } from "./helpers";

let server: TestServer;
let admin: ApiClient;
let user: ApiClient;
let visitor: ApiClient;

beforeAll(async () => {
  // The default server, with every channel: proves the events channel is registered.
  server = await startTestServer();
  admin = new ApiClient(server.url);
  user = new ApiClient(server.url);
  visitor = new ApiClient(server.url);
  expect((await admin.signup("Admin")).isAdmin).toBe(true);
  expect((await user.signup("Bob")).isAdmin).toBe(false);
});
afterAll(() => server.stop());

describe("publishing announcements", () => {
  it("needs an administrator: 401 signed out, 403 for other users", async () => {
    for (const [client, status] of [
      [visitor, 401],
      [user, 403],
    ] as const) {
      expect((await client.get("/api/admin/announcements")).status).toBe(status);
      const post = await client.post("/api/admin/announcements", { title: "Nope" });
      expect(post.status).toBe(status);
      expect(post.body.error.code).toBe(status === 401 ? "unauthorized" : "forbidden");
      expect((await client.patch("/api/admin/announcements/abc", { title: "x" })).status).toBe(status);
      expect((await client.delete("/api/admin/announcements/abc")).status).toBe(status);
    }
    expect((await admin.get("/api/admin/announcements")).body.announcements).toEqual([]);
  });

  it("rejects invalid bodies with 400 naming the field, and stores nothing", async () => {
    const bad = [
      [{}, "title"],
      [{ title: "" }, "title"],
      [{ title: "x", severity: "apocalyptic" }, "severity"],
      [{ title: "x", kind: "popup" }, "kind"],
      [{ title: "x", audience: "martians" }, "audience"],
      [{ title: "x", startsAt: "tomorrow" }, "startsAt"],
      [{ title: "x", targetPath: "documents/*" }, "targetPath"],
      [{ title: "x", dismissible: "yes" }, "dismissible"],
      [{ title: "x", body: "y".repeat(20_001) }, "body"],
      [{ title: "x", startsAt: inMs(60_000), endsAt: inMs(1000) }, "endsAt"],
      [{ title: "x", extra: 1 }, undefined],
    ] as const;
    for (const [body, field] of bad) {
      const res = await admin.post("/api/admin/announcements", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("invalid_input");
      if (field) expect(res.body.error.field).toBe(field);
    }
    expect((await admin.post("/api/admin/announcements", "{not json", { "content-type": "application/json" })).status).toBe(400);
    expect((await admin.get("/api/admin/announcements")).body.announcements).toEqual([]);
  });

  it("fills in defaults and lists statuses", async () => {
    const created = await admin.post("/api/admin/announcements", { title: "Hello" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: "banner",
      severity: "info",
      audience: "everyone",
      dismissible: true,
      endsAt: null,
      targetPath: null,
      status: "active",
      body: "",
    });
    expect(Math.abs(Date.parse(created.body.startsAt) - Date.now())).toBeLessThan(60_000);

    const later = await admin.post("/api/admin/announcements", { title: "Later", startsAt: inMs(3600_000) });
    expect(later.body.status).toBe("scheduled");
    const list = (await admin.get("/api/admin/announcements")).body.announcements as Array<{ id: string; status: string }>;
    expect(list.find((a) => a.id === later.body.id)?.status).toBe("scheduled");
    expect(list.find((a) => a.id === created.body.id)?.status).toBe("active");
  });

  it("pushes edits and revocations to open streams, and reflects them in the caller's list", async () => {
    const stream = await SseReader.open(`${server.url}/api/events`, { cookie: user.cookie });
    await stream.waitForEvent("version", (d) => d.viewer === "user");
    const created = await admin.post("/api/admin/announcements", { title: "Draft title", severity: "warning" });
    await stream.waitForEvent("announcement", (d) => d.id === created.body.id && d.title === "Draft title");

    const edited = await admin.patch(`/api/admin/announcements/${created.body.id}`, { title: "Final title", severity: "critical" });
    expect(edited.status).toBe(200);
    await stream.waitForEvent("announcement", (d) => d.id === created.body.id && d.title === "Final title" && d.severity === "critical");
    expect((await user.get("/api/announcements")).body.announcements.find((a: any) => a.id === created.body.id)?.title).toBe("Final title");

    const revoked = await admin.delete(`/api/admin/announcements/${created.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe("revoked");
    await stream.waitForEvent("announcement-revoked", (d) => d.id === created.body.id);
    expect((await user.get("/api/announcements")).body.announcements.some((a: any) => a.id === created.body.id)).toBe(false);
    expect((await admin.patch(`/api/admin/announcements/${created.body.id}`, { title: "Back?" })).status).toBe(409);
    expect((await admin.patch(`/api/admin/announcements/missing-id`, { title: "x" })).status).toBe(404);
    expect((await admin.patch(`/api/admin/announcements/${created.body.id}`, {})).status).toBe(400);
    stream.close();
  });

  it("counts open streams in /metrics", async () => {
    const stream = await SseReader.open(`${server.url}/api/events`);
    await stream.waitForEvent("version");
    const metrics = await fetch(`${server.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/^tandem_sse_connections 1$/m);
    expect(metrics).toMatch(/^tandem_sse_slow_clients_dropped_total 0$/m);
    stream.close();
  });

  it("refuses a state change from another origin", async () => {
    const res = await admin.post("/api/admin/announcements", { title: "CSRF" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
  });
});

describe("an administrator's access token", () => {
  it("sees announcements as a member does: admin-only ones need a browser session", async () => {
    const created = await admin.post("/api/admin/announcements", { title: "Admins only", audience: "admins" });
    expect(created.status).toBe(201);
    const token = (await admin.post("/api/tokens", { name: "bot", scopes: ["documents:read"] })).body.token.token as string;
    const viaToken = new ApiClient(server.url, { authorization: `Bearer ${token}` });
    const seenByToken = (await viaToken.get("/api/announcements")).body.announcements as Array<{ id: string }>;
    const seenBySession = (await admin.get("/api/announcements")).body.announcements as Array<{ id: string }>;
    expect(seenBySession.map((a) => a.id)).toContain(created.body.id);
    expect(seenByToken.map((a) => a.id)).not.toContain(created.body.id);
    await admin.delete(`/api/admin/announcements/${created.body.id}`);
  });
});
