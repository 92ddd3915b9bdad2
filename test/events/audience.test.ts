// Audience and path targeting enforced by the server, and dismissals shared across a user's streams.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, type TestServer } from "../helpers/server";
import { SseReader, startEventsServer } from "./helpers";

let server: TestServer;
let admin: ApiClient;
let user: ApiClient;
let visitor: ApiClient;
const open = (client: ApiClient, query = "") => SseReader.open(`${server.url}/api/events${query}`, client.cookie ? { cookie: client.cookie } : {});

beforeAll(async () => {
  server = await startEventsServer();
  admin = new ApiClient(server.url);
  user = new ApiClient(server.url);
  visitor = new ApiClient(server.url);
  await admin.signup("Admin");
  await user.signup("Uma");
});
afterAll(() => server.stop());

const publish = async (body: Record<string, unknown>) => {
  const res = await admin.post("/api/admin/announcements", body);
  expect(res.status).toBe(201);
  return res.body as { id: string };
};

describe("who receives what", () => {
  it("writes an event only to streams inside its audience", async () => {
    const streams = { visitor: await open(visitor), user: await open(user), admin: await open(admin) };
    const forAll = await publish({ title: "All", audience: "everyone" });
    const forUsers = await publish({ title: "Users", audience: "users" });
    const forAdmins = await publish({ title: "Admins", audience: "admins" });
    const last = await publish({ title: "Sentinel", audience: "everyone" });
    for (const s of Object.values(streams)) await s.waitForEvent("announcement", (d) => d.id === last.id);

    const got = (s: SseReader) => new Set(s.named("announcement").map((f) => f.data.id));
    expect(got(streams.visitor)).toEqual(new Set([forAll.id, last.id]));
    expect(got(streams.user)).toEqual(new Set([forAll.id, forUsers.id, last.id]));
    expect(got(streams.admin)).toEqual(new Set([forAll.id, forUsers.id, forAdmins.id, last.id]));
    expect(streams.visitor.raw).not.toContain("Admins");
    expect(streams.user.raw).not.toContain("Admins");

    // The same on connect (current state) and on the plain list endpoint.
    const late = await open(visitor);
    await late.waitForEvent("announcement", (d) => d.id === last.id);
    expect(late.raw).not.toContain(forUsers.id);
    const listed = (await visitor.get("/api/announcements")).body.announcements.map((a: any) => a.id);
    expect(listed).not.toContain(forUsers.id);
    expect(listed).not.toContain(forAdmins.id);

    // Narrowing the audience takes it away from those now outside it, at once.
    await admin.patch(`/api/admin/announcements/${forAll.id}`, { audience: "admins" });
    await streams.visitor.waitForEvent("announcement-revoked", (d) => d.id === forAll.id);
    await streams.user.waitForEvent("announcement-revoked", (d) => d.id === forAll.id);
    await streams.admin.waitForEvent("announcement", (d) => d.id === forAll.id && d.audience === "admins");
    expect(streams.admin.named("announcement-revoked").some((f) => f.data.id === forAll.id)).toBe(false);

    for (const s of [...Object.values(streams), late]) s.close();
    for (const a of [forAll, forUsers, forAdmins, last]) await admin.delete(`/api/admin/announcements/${a.id}`);
  });

  it("uses ?path= as a filter hint for targeted announcements", async () => {
    const onDocs = await open(visitor, "?path=/documents/abc");
    const onHome = await open(visitor, "?path=/");
    const noHint = await open(visitor);
    const targeted = await publish({ title: "Docs only", targetPath: "/documents/*" });
    const sentinel = await publish({ title: "Everywhere" });
    for (const s of [onDocs, onHome, noHint]) await s.waitForEvent("announcement", (d) => d.id === sentinel.id);
    expect(onDocs.named("announcement").some((f) => f.data.id === targeted.id)).toBe(true);
    expect(onHome.named("announcement").some((f) => f.data.id === targeted.id)).toBe(false);
    // Without a hint the stream is shared by tabs on many pages: each tab filters for itself.
    expect(noHint.named("announcement").find((f) => f.data.id === targeted.id)?.data.targetPath).toBe("/documents/*");
    const listed = (await visitor.get("/api/announcements?path=/settings")).body.announcements.map((a: any) => a.id);
    expect(listed).toEqual([sentinel.id]);
    for (const s of [onDocs, onHome, noHint]) s.close();
    for (const a of [targeted, sentinel]) await admin.delete(`/api/admin/announcements/${a.id}`);
  });

  it("hides a dismissed announcement on all of that user's streams, and only theirs", async () => {
    const tab1 = await open(user);
    const tab2 = await open(user);
    const other = await open(admin);
    const a = await publish({ title: "Dismiss me" });
    for (const s of [tab1, tab2, other]) await s.waitForEvent("announcement", (d) => d.id === a.id);

    expect((await user.post(`/api/announcements/${a.id}/dismiss`)).status).toBe(204);
    await tab1.waitForEvent("announcement-dismissed", (d) => d.id === a.id);
    await tab2.waitForEvent("announcement-dismissed", (d) => d.id === a.id);
    const sentinel = await publish({ title: "After dismissal" });
    await other.waitForEvent("announcement", (d) => d.id === sentinel.id);
    expect(other.named("announcement-dismissed")).toHaveLength(0);

    // A new device of the same user does not get it at all; the list agrees.
    const device = await open(user);
    await device.waitForEvent("announcement", (d) => d.id === sentinel.id);
    expect(device.named("announcement").some((f) => f.data.id === a.id)).toBe(false);
    expect((await user.get("/api/announcements")).body.announcements.map((x: any) => x.id)).toEqual([sentinel.id]);

    // Signed-out visitors keep dismissals in their browser; non-dismissible ones cannot be dismissed.
    expect((await visitor.post(`/api/announcements/${a.id}/dismiss`)).status).toBe(401);
    const fixed = await publish({ title: "Stays", dismissible: false });
    expect((await user.post(`/api/announcements/${fixed.id}/dismiss`)).status).toBe(409);
    const adminsOnly = await publish({ title: "Secret", audience: "admins" });
    expect((await user.post(`/api/announcements/${adminsOnly.id}/dismiss`)).status).toBe(404);
    for (const s of [tab1, tab2, other, device]) s.close();
  });
});
