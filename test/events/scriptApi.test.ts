// Announcements for scripts and status pages: GET /api/announcements/current per audience, the Atom
// feed of public announcements (well-formed, escaped), and posting with an administrator's personal
// access token that has the announcements:write scope (a deploy pipeline announcing itself).
import { DOMParser } from "@xmldom/xmldom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CurrentAnnouncementsResponse } from "../../lib/contracts/announcementFeed";
import { ApiClient, type TestServer } from "../helpers/server";
import { inMs, startEventsServer } from "./helpers";

let server: TestServer;
let admin: ApiClient;
let member: ApiClient;
let anonymous: ApiClient;
const ids: Record<string, string> = {};

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
async function tokenOf(client: ApiClient, scopes: string[]): Promise<string> {
  const res = await client.post("/api/tokens", { name: `t-${scopes.join("+")}`, scopes });
  expect(res.status).toBe(201);
  return res.body.token.token;
}

beforeAll(async () => {
  server = await startEventsServer();
  admin = new ApiClient(server.url);
  await admin.signup("Admin");
  member = new ApiClient(server.url);
  await member.signup("Member");
  anonymous = new ApiClient(server.url);
  const make = async (key: string, body: Record<string, unknown>) => {
    const res = await admin.post("/api/admin/announcements", { title: key, ...body });
    expect(res.status).toBe(201);
    ids[key] = res.body.id;
  };
  await make("for everyone", { audience: "everyone", severity: "warning" });
  await make("for users", { audience: "users" });
  await make("for admins", { audience: "admins" });
  await make("later, for everyone", { audience: "everyone", startsAt: inMs(3_600_000) });
  await make("withdrawn, for everyone", { audience: "everyone" });
  expect((await admin.delete(`/api/admin/announcements/${ids["withdrawn, for everyone"]}`)).status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

describe("GET /api/announcements/current", () => {
  const titles = async (client: ApiClient, headers?: Record<string, string>) => {
    const res = await client.get("/api/announcements/current", headers);
    expect(res.status).toBe(200);
    const body = CurrentAnnouncementsResponse.parse(res.body);
    return { viewer: body.viewer, titles: body.announcements.map((a) => a.title).sort() };
  };

  it("answers each audience what it may see, active now only", async () => {
    expect(await titles(anonymous)).toEqual({ viewer: "anonymous", titles: ["for everyone"] });
    expect(await titles(member)).toEqual({ viewer: "user", titles: ["for everyone", "for users"] });
    expect(await titles(admin)).toEqual({ viewer: "admin", titles: ["for admins", "for everyone", "for users"] });
  });

  it("takes any access token as its account, an administrator's as a member (admin power needs a session)", async () => {
    expect(await titles(anonymous, bearer(await tokenOf(member, ["documents:read"])))).toEqual({ viewer: "user", titles: ["for everyone", "for users"] });
    expect(await titles(anonymous, bearer(await tokenOf(admin, ["announcements:write"])))).toEqual({
      viewer: "user",
      titles: ["for everyone", "for users"],
    });
    expect((await anonymous.get("/api/announcements/current", bearer("not-a-token"))).status).toBe(401);
  });

  it("still lists what the caller dismissed (a status page shows what is on)", async () => {
    expect((await member.post(`/api/announcements/${ids["for everyone"]}/dismiss`)).status).toBe(204);
    expect((await titles(member)).titles).toContain("for everyone");
  });
});

describe("the Atom feed", () => {
  const parse = (xml: string) => {
    const problems: string[] = [];
    const doc = new DOMParser({
      errorHandler: { warning: (m: string) => problems.push(m), error: (m: string) => problems.push(m), fatalError: (m: string) => problems.push(m) },
    }).parseFromString(xml, "application/xml");
    expect(problems).toEqual([]);
    return doc;
  };
  const text = (el: Element, name: string) => el.getElementsByTagName(name)[0]?.textContent ?? null;

  it("is well-formed Atom with public announcements only, escaped, with stable ids", async () => {
    const nasty = `<script>alert("x")</script> & 'co' ]]> \u0007bell`;
    const res = await admin.post("/api/admin/announcements", { title: nasty, body: "Read <b>this</b> & that", audience: "everyone", severity: "critical" });
    expect(res.status).toBe(201);

    const feed = await fetch(`${server.url}/api/announcements/feed.atom`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await feed.text();
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("<b>");
    const doc = parse(xml);
    const root = doc.documentElement!;
    expect(root.localName).toBe("feed");
    expect(root.namespaceURI).toBe("http://www.w3.org/2005/Atom");
    expect(text(root, "id")).toBe(`${server.url}/api/announcements/feed.atom`);

    const entries = Array.from(root.getElementsByTagName("entry"));
    const byTitle = new Map(entries.map((e) => [text(e, "title"), e]));
    // Public ones (active and upcoming); never members', admins' or withdrawn ones.
    expect([...byTitle.keys()].sort()).toEqual([nasty.replace("\u0007", ""), "for everyone", "later, for everyone"].sort());
    const entry = byTitle.get(nasty.replace("\u0007", ""))!;
    expect(text(entry, "id")).toBe(`urn:uuid:${res.body.id}`);
    expect(text(entry, "updated")).toBe(res.body.updatedAt);
    expect(text(entry, "content")).toBe("Read <b>this</b> & that");
    // The feed's <updated> is its newest entry's.
    expect(text(root, "updated")).toBe(res.body.updatedAt);
    // Anyone may read it: the same feed signed in or not (nothing audience-dependent in it).
    const signedIn = await member.get("/api/announcements/feed.atom");
    expect(signedIn.body).toBe(xml);
  });
});

describe("posting with an access token", () => {
  const announce = (headers: Record<string, string>) =>
    anonymous.post("/api/admin/announcements", { title: "Deploy 42 is rolling out", severity: "info", endsAt: inMs(600_000) }, headers);

  it("lets an administrator's announcements:write token create and revoke, nothing else", async () => {
    const token = await tokenOf(admin, ["announcements:write"]);
    const created = await announce(bearer(token));
    expect(created.status).toBe(201);
    expect(created.body.title).toBe("Deploy 42 is rolling out");
    expect((await anonymous.get("/api/announcements/current")).body.announcements.map((a: { id: string }) => a.id)).toContain(created.body.id);
    expect((await anonymous.delete(`/api/admin/announcements/${created.body.id}`, bearer(token))).status).toBe(200);
    // Editing and the admin list stay session-only; documents are out of its scope.
    expect((await anonymous.patch(`/api/admin/announcements/${created.body.id}`, { title: "x" }, bearer(token))).status).toBe(403);
    expect((await anonymous.get("/api/admin/announcements", bearer(token))).status).toBe(403);
    expect((await anonymous.get("/api/documents", bearer(token))).status).toBe(403);
  });

  it("refuses a documents-only token (403), a member's announcing token (403), and a missing or bad one (401)", async () => {
    const documentsOnly = await announce(bearer(await tokenOf(admin, ["documents:read", "documents:write"])));
    expect(documentsOnly.status).toBe(403);
    expect(documentsOnly.body.error.message).toContain("announcements:write");
    const memberToken = await announce(bearer(await tokenOf(member, ["announcements:write"])));
    expect(memberToken.status).toBe(403);
    expect(memberToken.body.error.message).toContain("administrator");
    expect((await announce({})).status).toBe(401);
    expect((await announce(bearer("tandem_pat_forged"))).status).toBe(401);
    // A revoked token is no token.
    const revoked = await admin.post("/api/tokens", { name: "to revoke", scopes: ["announcements:write"] });
    expect((await admin.delete(`/api/tokens/${revoked.body.token.id}`)).status).toBe(204);
    expect((await announce(bearer(revoked.body.token.token))).status).toBe(401);
    expect(await server.services.db.announcement.count({ where: { title: "Deploy 42 is rolling out" } })).toBe(1);
  });
});
