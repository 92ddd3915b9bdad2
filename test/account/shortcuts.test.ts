// Favourites and Recently opened through the real API (SQLite, or PostgreSQL with TEST_POSTGRES_URL):
// starring, opening (recorded at most once a minute per account and document), and both lists
// showing only documents the account can still open (membership removed or document trashed: gone;
// restored: back).
import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { ShortcutListResponse, RECENT_LIMIT } from "../../lib/contracts/shortcuts";
import { connected, nextEvent, openSocket, record, roundTrip } from "../realtime/helpers";

let server: TestServer;
let owner: ApiClient;
let member: ApiClient;
let memberUser: { id: string; email: string };
beforeAll(async () => {
  server = await startTestServer();
  owner = new ApiClient(server.url, { origin: server.url });
  member = new ApiClient(server.url, { origin: server.url });
  await owner.signup("Owen Owner");
  memberUser = await member.signup("Mia Member");
});
afterAll(async () => {
  await server?.stop();
});

const put = (c: ApiClient, p: string) => c.request("PUT", p);
const ids = async (c: ApiClient, list: "favourites" | "recent") => {
  const res = await c.get(`/api/me/${list}`);
  expect(res.status).toBe(200);
  return ShortcutListResponse.parse(res.body).documents.map((d) => d.id);
};

async function sharedDoc(title: string): Promise<string> {
  const id = (await owner.post("/api/documents", { title })).body.id as string;
  expect((await owner.post(`/api/documents/${id}/members`, { email: memberUser.email, role: "editor" })).status).toBe(201);
  return id;
}

test("a starred document is in Favourites with the member's role, newest star first; unstarring removes it", async () => {
  const a = await sharedDoc("Star A");
  const b = await sharedDoc("Star B");
  expect((await put(member, `/api/documents/${a}/favourite`)).status).toBe(204);
  expect((await put(member, `/api/documents/${b}/favourite`)).status).toBe(204);
  expect((await put(member, `/api/documents/${b}/favourite`)).status, "starring twice is fine").toBe(204);
  const list = ShortcutListResponse.parse((await member.get("/api/me/favourites")).body).documents;
  expect(list.map((d) => d.id)).toEqual([b, a]);
  expect(list[0]).toMatchObject({ title: "Star B", role: "editor", ownerName: "Owen Owner" });
  expect(await ids(owner, "favourites"), "stars are per account").toEqual([]);
  expect((await member.delete(`/api/documents/${a}/favourite`)).status).toBe(204);
  expect(await ids(member, "favourites")).toEqual([b]);
});

test("starring in one tab tells the account's other tabs (socket.io favourites:changed), and nobody else", async () => {
  const doc = await sharedDoc("Star live");
  const otherTab = await connected(openSocket(server.url, { transport: "websocket", cookie: member.cookie }));
  const ownerTab = await connected(openSocket(server.url, { transport: "websocket", cookie: owner.cookie }));
  const ownerSaw = record(ownerTab, "favourites:changed");
  try {
    const starred = nextEvent(otherTab, "favourites:changed");
    expect((await put(member, `/api/documents/${doc}/favourite`)).status).toBe(204);
    await starred;
    const unstarred = nextEvent(otherTab, "favourites:changed");
    expect((await member.delete(`/api/documents/${doc}/favourite`)).status).toBe(204);
    await unstarred;
    await roundTrip(ownerTab);
    expect(ownerSaw, "another account hears nothing").toHaveLength(0);
  } finally {
    otherTab.disconnect();
    ownerTab.disconnect();
  }
});

test("a document one cannot open cannot be starred (404, as for any unknown id)", async () => {
  const stranger = new ApiClient(server.url, { origin: server.url });
  await stranger.signup("Sam Stranger");
  const own = (await owner.post("/api/documents", { title: "Private" })).body.id as string;
  expect((await put(stranger, `/api/documents/${own}/favourite`)).status).toBe(404);
  expect((await put(stranger, "/api/documents/no-such-document/favourite")).status).toBe(404);
  expect(await server.services.db.favourite.count({ where: { documentId: own } })).toBe(0);
  expect((await new ApiClient(server.url, { origin: server.url }).request("PUT", `/api/documents/${own}/favourite`)).status).toBe(401);
});

test("opening a document records it in Recently opened, last opened first, at most once a minute", async () => {
  const first = await sharedDoc("Open first");
  const second = await sharedDoc("Open second");
  expect((await member.get(`/api/documents/${first}`)).status).toBe(200);
  expect((await member.get(`/api/documents/${second}`)).status).toBe(200);
  const recent = await ids(member, "recent");
  expect(recent.slice(0, 2)).toEqual([second, first]);
  const row = await server.services.db.recentOpen.findUniqueOrThrow({ where: { userId_documentId: { userId: memberUser.id, documentId: first } } });
  // Opened again within the minute: no write (the time stays), so the order stays too.
  await new Promise((r) => setTimeout(r, 20));
  expect((await member.get(`/api/documents/${first}`)).status).toBe(200);
  const again = await server.services.db.recentOpen.findUniqueOrThrow({ where: { userId_documentId: { userId: memberUser.id, documentId: first } } });
  expect(again.openedAt.getTime()).toBe(row.openedAt.getTime());
  expect((await ids(member, "recent")).slice(0, 2)).toEqual([second, first]);
  // A minute later (the domain's clock moved on) it is written again and comes first.
  await server.services.shortcuts.opened(memberUser.id, first, Date.now() + 61_000);
  expect((await ids(member, "recent")).slice(0, 2)).toEqual([first, second]);
});

test("an access token's read is not an opening; Recently opened lists at most the limit", async () => {
  const token = (await member.post("/api/tokens", { name: "script", scopes: ["documents:read"] })).body.token.token as string;
  const viaToken = await sharedDoc("Read by a script");
  const res = await fetch(`${server.url}/api/documents/${viaToken}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(await ids(member, "recent")).not.toContain(viaToken);
  for (let i = 0; i < RECENT_LIMIT + 2; i++) expect((await member.get(`/api/documents/${await sharedDoc(`Many ${i}`)}`)).status).toBe(200);
  expect((await ids(member, "recent")).length).toBe(RECENT_LIMIT);
});

test("removed from a document or the document trashed: gone from both lists; restored: back", async () => {
  const removed = await sharedDoc("Will be unshared");
  const trashed = await sharedDoc("Will be trashed");
  for (const id of [removed, trashed]) {
    expect((await put(member, `/api/documents/${id}/favourite`)).status).toBe(204);
    expect((await member.get(`/api/documents/${id}`)).status).toBe(200);
  }
  expect(await ids(member, "favourites")).toEqual(expect.arrayContaining([removed, trashed]));
  expect(await ids(member, "recent")).toEqual(expect.arrayContaining([removed, trashed]));

  expect((await owner.delete(`/api/documents/${removed}/members/${memberUser.id}`)).status).toBe(204);
  expect((await owner.delete(`/api/documents/${trashed}`)).status).toBe(204);
  for (const list of ["favourites", "recent"] as const) {
    const now = await ids(member, list);
    expect(now).not.toContain(removed);
    expect(now).not.toContain(trashed);
  }
  // Nor can a lost document be starred again.
  expect((await put(member, `/api/documents/${removed}/favourite`)).status).toBe(404);

  expect((await owner.post(`/api/trash/${trashed}/restore`)).status).toBe(200);
  expect(await ids(member, "favourites")).toContain(trashed);
  expect(await ids(member, "recent")).toContain(trashed);
});
