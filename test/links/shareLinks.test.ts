// Share links end to end against a real server (SQLite, or PostgreSQL with TEST_POSTGRES_URL): the
// owner's routes, opening a link as a guest, and the link's role on every channel (HTTP read, collab,
// socket.io). Ending what came in through a link: linkEnding.test.ts.
import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { io } from "socket.io-client";
import { CloseCode } from "../../lib/collab/closeCodes";
import { DEAD_LINK_MESSAGE } from "../../lib/contracts/shareLinks";
import { SOCKET_PATH } from "../../lib/realtime/events";
import { collabOf } from "../../server/collab/collabChannel";
import { syncUpdateMessage } from "../../server/collab/messages";
import { FAILED_LOOKUPS_PER_MINUTE, linkCookieName } from "../../server/auth/linkCredential";
import { ApiClient, startTestServer } from "../helpers/server";
import { appendParagraph } from "../collab/fakes";
import { closeSession, openProvider, openRaw, synced, until } from "../collab/wsClients";
import { connected, type ClientSocket } from "../realtime/helpers";
import {
  collabUrl,
  guestFor,
  guestSocket,
  joinCollab,
  newDocument,
  newLink,
  owner,
  ownerToken,
  sendAndSettle,
  server,
  serverText,
  withLinkServer,
} from "./linkFixture";

withLinkServer();

describe("the owner's routes", () => {
  test("create, list, change and revoke; the URL is /s/<token> and the token works again after listing", async () => {
    const id = await newDocument();
    const a = await newLink(id, "viewer");
    const b = await newLink(id, "editor", new Date(Date.now() + 3600_000).toISOString());
    expect(a.url).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
    const listed = await owner.get(`/api/documents/${id}/links`);
    expect(listed.status).toBe(200);
    expect(listed.body.links.map((l: { id: string }) => l.id)).toEqual([b.id, a.id]);
    // Shown again (sealed, not only hashed): the same URL as at creation.
    expect(listed.body.links.find((l: { id: string }) => l.id === a.id).url).toBe(a.url);
    expect(listed.body.links[0].expiresAt).not.toBeNull();
    const row = await server.services.db.shareLink.findUniqueOrThrow({ where: { id: a.id } });
    expect(row.tokenHash).not.toContain(a.token);
    expect(row.tokenSealed).not.toContain(a.token);

    expect((await owner.patch(`/api/documents/${id}/links/${b.id}`, { role: "viewer" })).body.role).toBe("viewer");
    expect((await owner.delete(`/api/documents/${id}/links/${a.id}`)).status).toBe(204);
    expect((await owner.delete(`/api/documents/${id}/links/${a.id}`)).status).toBe(404);
    expect((await owner.get(`/api/documents/${id}/links`)).body.links.map((l: { id: string }) => l.id)).toEqual([b.id]);
  });

  test("only the owner, with a session: an editor is refused 403, a non-member 404, a token 403", async () => {
    const id = await newDocument();
    const editor = new ApiClient(server.url, { origin: server.url });
    const ed = await editor.signup("Ed");
    await owner.post(`/api/documents/${id}/members`, { email: ed.email, role: "editor" });
    const stranger = new ApiClient(server.url, { origin: server.url });
    await stranger.signup("Sam");
    expect((await editor.post(`/api/documents/${id}/links`, { role: "viewer" })).status).toBe(403);
    expect((await editor.get(`/api/documents/${id}/links`)).status).toBe(403);
    expect((await stranger.post(`/api/documents/${id}/links`, { role: "viewer" })).status).toBe(404);
    const viaToken = await fetch(`${server.url}/api/documents/${id}/links`, {
      method: "POST",
      headers: { authorization: `Bearer ${ownerToken}`, "content-type": "application/json" },
      body: JSON.stringify({ role: "viewer" }),
    });
    expect(viaToken.status).toBe(403);
    expect(await server.services.db.shareLink.count({ where: { documentId: id } })).toBe(0);
  });

  test("bad input is 400 and makes nothing", async () => {
    const id = await newDocument();
    for (const body of [
      { role: "owner" },
      { role: "admin" },
      {},
      { role: "viewer", expiresAt: "2020-01-01T00:00:00Z" },
      { role: "viewer", expiresAt: "soon" },
      { role: "viewer", extra: 1 },
    ]) {
      const res = await owner.post(`/api/documents/${id}/links`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toBeTruthy();
    }
    expect((await owner.post(`/api/documents/${id}/links`, "{nope")).status).toBe(400);
    expect((await owner.patch(`/api/documents/${id}/links/x`, { role: "owner" })).status).toBe(400);
    expect((await owner.post("/api/links/open", { token: "no spaces allowed here!" })).status).toBe(400);
    expect(await server.services.db.shareLink.count({ where: { documentId: id } })).toBe(0);
  });
});

describe("opening a link", () => {
  test("sets an HttpOnly, SameSite=Lax cookie for that document and reads it with the link's role", async () => {
    const id = await newDocument("Guest read");
    const { token } = await newLink(id, "viewer");
    const guest = await guestFor(token);
    expect(guest.opened.status).toBe(200);
    expect(guest.opened.body).toEqual({ documentId: id, title: "Guest read", role: "viewer", guest: true, pages: [] });
    const setCookie = guest.opened.headers.get("set-cookie") ?? "";
    expect(setCookie).toContain(`${linkCookieName(id)}=`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const doc = await guest.api.get(`/api/documents/${id}`);
    expect(doc.status).toBe(200);
    expect(doc.body).toMatchObject({ id, title: "Guest read", role: "viewer" });
    // Nothing else: no list, no members, no other document.
    expect((await guest.api.get("/api/documents")).status).toBe(401);
    expect((await guest.api.get(`/api/documents/${id}/members`)).status).toBe(401);
    expect((await guest.api.get(`/api/documents/${await newDocument()}`)).status).toBe(401);
  });

  test("revoked, expired, unknown and trashed links all answer the same 404", async () => {
    const id = await newDocument();
    const revoked = await newLink(id, "viewer");
    await owner.delete(`/api/documents/${id}/links/${revoked.id}`);
    const expired = await newLink(id, "viewer");
    await server.services.db.shareLink.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const trashedDoc = await newDocument();
    const trashed = await newLink(trashedDoc, "viewer");
    expect((await owner.delete(`/api/documents/${trashedDoc}`)).status).toBe(204);
    const unknown = "A".repeat(43);
    const answers = await Promise.all([revoked.token, expired.token, trashed.token, unknown].map(async (t) => (await guestFor(t)).opened));
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.body).toEqual({ error: { code: "not_found", message: DEAD_LINK_MESSAGE } });
      expect(a.headers.get("set-cookie")).toBeNull();
    }
  });

  test("a signed-in member keeps a higher role; a member with less gets the link's", async () => {
    const id = await newDocument();
    const { token } = await newLink(id, "editor");
    // ApiClient keeps the last cookie it was sent: keep the session, as a browser would keep both.
    const openAs = async (api: ApiClient) => {
      const session = api.cookie;
      const res = await api.post("/api/links/open", { token });
      api.cookie = session;
      return res.body;
    };
    expect(await openAs(owner)).toMatchObject({ role: "owner", guest: false });
    const viewer = new ApiClient(server.url, { origin: server.url });
    const v = await viewer.signup("Vic");
    await owner.post(`/api/documents/${id}/members`, { email: v.email, role: "viewer" });
    expect(await openAs(viewer)).toMatchObject({ role: "editor", guest: false });
  });

  test("failed lookups are rate-limited per address (429 with Retry-After)", async () => {
    // Its own server: the limit is per address, and every test here comes from 127.0.0.1.
    const limited = await startTestServer();
    try {
      const api = new ApiClient(limited.url, { origin: limited.url });
      for (let i = 0; i < FAILED_LOOKUPS_PER_MINUTE; i++) expect((await api.post("/api/links/open", { token: `${"B".repeat(42)}${i % 10}` })).status).toBe(404);
      const refused = await api.post("/api/links/open", { token: "C".repeat(43) });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await limited.stop();
    }
  });
});

describe("the link's role on the collab channel", () => {
  test("a view link (?link=) reads live; its update frames are never applied, stored or relayed", async () => {
    const id = await newDocument();
    const { token } = await newLink(id, "viewer");
    const ana = openProvider(collabUrl, id, ownerToken);
    await synced(ana);
    appendParagraph(ana.doc, "by the owner");
    await until(async () => (await serverText(id)) === "by the owner");
    const guest = await joinCollab(`${collabUrl}/${id}?link=${token}`);
    const vandal = new Y.Doc();
    appendParagraph(vandal, "vandalism");
    const dropped = collabOf(server.services)!.stats().droppedReadOnlyUpdates;
    await sendAndSettle(guest, [syncUpdateMessage(Y.encodeStateAsUpdate(vandal))]);
    await collabOf(server.services)!.store.flush();
    expect(await serverText(id)).toBe("by the owner");
    expect(collabOf(server.services)!.stats().droppedReadOnlyUpdates).toBeGreaterThan(dropped);
    await new Promise((r) => setTimeout(r, 100));
    expect(ana.doc.getXmlFragment("default").toString()).not.toContain("vandalism");
    const stored = await server.services.db.documentUpdate.findMany({ where: { documentId: id } });
    const replay = new Y.Doc();
    for (const u of stored) Y.applyUpdate(replay, u.data);
    expect(replay.getXmlFragment("default").toString()).not.toContain("vandalism");
    guest.ws.close();
    closeSession(ana);
  });

  test("an edit link (the cookie) writes like an editor, and the owner sees it", async () => {
    const id = await newDocument();
    const { token } = await newLink(id, "editor");
    const guest = await guestFor(token);
    const ana = openProvider(collabUrl, id, ownerToken);
    await synced(ana);
    const raw = await joinCollab(`${collabUrl}/${id}`, { cookie: guest.cookie, origin: server.url });
    const edit = new Y.Doc();
    appendParagraph(edit, "written by a guest");
    raw.ws.send(syncUpdateMessage(Y.encodeStateAsUpdate(edit)));
    await until(() => ana.doc.getXmlFragment("default").toString().includes("written by a guest"), 5_000, "the owner to see the guest's edit");
    raw.ws.close();
    closeSession(ana);
  });

  test("the link cookie from another site is refused like the session cookie; another document's cookie opens nothing", async () => {
    const id = await newDocument();
    const { token } = await newLink(id, "viewer");
    const guest = await guestFor(token);
    const foreign = openRaw(`${collabUrl}/${id}`, { cookie: guest.cookie, origin: "https://evil.example" });
    expect((await foreign.closed).code).toBe(CloseCode.Unauthorized);
    const other = await newDocument();
    const elsewhere = openRaw(`${collabUrl}/${other}`, { cookie: guest.cookie.replace(id, other), origin: server.url });
    expect((await elsewhere.closed).code).toBe(CloseCode.Unauthorized);
    const noLink = openRaw(`${collabUrl}/${other}?link=${token}`);
    expect((await noLink.closed).code).toBe(CloseCode.Unauthorized);
  });

  test("a signed-in non-member with the cookie gets the link's role; presence shows guests as Guest", async () => {
    const id = await newDocument();
    const { token } = await newLink(id, "editor");
    const sam = new ApiClient(server.url, { origin: server.url });
    await sam.signup("Sam");
    const linkCookie = (await guestFor(token)).cookie;
    const raw = await joinCollab(`${collabUrl}/${id}`, { cookie: `${sam.cookie}; ${linkCookie}`, origin: server.url });
    const edit = new Y.Doc();
    appendParagraph(edit, "by Sam");
    raw.ws.send(syncUpdateMessage(Y.encodeStateAsUpdate(edit)));
    await until(async () => ((await serverText(id)) ?? "").includes("by Sam"), 5_000, "Sam's edit");
    let present: Array<{ id: string; name: string }> = [];
    const stop = server.services.bus.subscribe((e) => {
      if (e.type === "presence.changed" && e.documentId === id) present = e.users;
    });
    const guest = await joinCollab(`${collabUrl}/${id}?link=${token}`);
    await until(() => present.some((u) => u.name === "Guest"), 5_000, "the guest in presence");
    expect(present.map((u) => u.name).sort()).toEqual(["Guest", "Sam"]);
    expect(present.find((u) => u.name === "Guest")!.id).toMatch(/^guest-/);
    stop();
    raw.ws.close();
    guest.ws.close();
  });
});

describe("socket.io for a guest", () => {
  test("joins the link's document only, reads its comments, cannot write them", async () => {
    const id = await newDocument();
    const { token } = await newLink(id, "viewer");
    const ownerSocket = await connected(
      io(server.url, {
        path: SOCKET_PATH,
        transports: ["websocket"],
        extraHeaders: { cookie: owner.cookie, origin: server.url },
        reconnection: false,
        forceNew: true,
      }) as ClientSocket,
    );
    expect(await ownerSocket.timeout(5_000).emitWithAck("comment:create", { documentId: id, body: "hello guests" })).toMatchObject({ ok: true });
    const guest = await guestFor(token);
    const socket = await connected(guestSocket(guest.cookie, id));
    expect(await socket.timeout(5_000).emitWithAck("doc:join", { documentId: id })).toMatchObject({ ok: true, role: "viewer" });
    const listed = (await socket.timeout(5_000).emitWithAck("comments:list", { documentId: id })) as { ok: boolean; comments: Array<{ body: string }> };
    expect(listed.comments.map((c) => c.body)).toEqual(["hello guests"]);
    const write = (await socket.timeout(5_000).emitWithAck("comment:create", { documentId: id, body: "from a guest" })) as {
      ok: boolean;
      error?: { code: string; message: string };
    };
    expect(write).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(write.error?.message).toMatch(/Sign in to comment/);
    expect(await socket.timeout(5_000).emitWithAck("doc:join", { documentId: await newDocument() })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await server.services.db.comment.count({ where: { documentId: id } })).toBe(1);
    // Without a live link there is no guest socket at all.
    await expect(connected(guestSocket("", id))).rejects.toMatchObject({ data: { code: "unauthorized" } });
    socket.disconnect();
    ownerSocket.disconnect();
  });
});
