// A share link made on a page opens its sub-pages too, with the link's role, as far down as each
// sub-page inherits access; a sub-page that stops inheriting is not opened. Revoking the link ends
// what came in through it on sub-pages as well, on every channel. Real server: SQLite, or PostgreSQL
// with TEST_POSTGRES_URL.
import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { CloseCode, CloseVariants } from "../../lib/collab/closeCodes";
import { OpenedLink } from "../../lib/contracts/shareLinks";
import { syncUpdateMessage } from "../../server/collab/messages";
import { appendParagraph } from "../collab/fakes";
import { openRaw, until } from "../collab/wsClients";
import { SseReader } from "../events/helpers";
import { connected } from "../realtime/helpers";
import { collabUrl, guestFor, guestSocket, joinCollab, newLink, owner, sendAndSettle, server, serverText, withLinkServer } from "./linkFixture";

withLinkServer();

async function newPage(title: string, parentId?: string): Promise<string> {
  const res = await owner.post("/api/documents", parentId ? { title, parentId } : { title });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** Handbook ─ Onboarding ─ First day, and Handbook ─ Salaries (not inheriting) ─ 2026. */
async function handbook() {
  const root = await newPage("Handbook");
  const sub = await newPage("Onboarding", root);
  const subsub = await newPage("First day", sub);
  const closed = await newPage("Salaries", root);
  const underClosed = await newPage("2026", closed);
  expect((await owner.patch(`/api/documents/${closed}/access`, { inheritAccess: false })).status).toBe(200);
  return { root, sub, subsub, closed, underClosed };
}

describe("a link opens the sub-pages that inherit", () => {
  test("opening lists them; HTTP, collab and socket.io open them with the link's role; the closed branch stays shut", async () => {
    const p = await handbook();
    const { token } = await newLink(p.root, "viewer");
    const guest = await guestFor(token);
    expect(guest.opened.status).toBe(200);
    const opened = OpenedLink.parse(guest.opened.body);
    expect(opened.pages.map((x) => [x.title, x.parentId])).toEqual([
      ["Onboarding", p.root],
      ["First day", p.sub],
    ]);
    // HTTP read.
    for (const id of [p.sub, p.subsub]) {
      const res = await guest.api.get(`/api/documents/${id}`);
      expect(res.status).toBe(200);
      expect(res.body.role).toBe("viewer");
    }
    for (const id of [p.closed, p.underClosed]) expect((await guest.api.get(`/api/documents/${id}`)).status).toBe(401);
    // Collab, by the cookie and by ?link=.
    (await joinCollab(`${collabUrl}/${p.subsub}`, { cookie: guest.cookie, origin: server.url })).ws.close();
    (await joinCollab(`${collabUrl}/${p.sub}?link=${token}`)).ws.close();
    expect((await openRaw(`${collabUrl}/${p.closed}`, { cookie: guest.cookie, origin: server.url }).closed).code).toBe(CloseCode.Unauthorized);
    expect((await openRaw(`${collabUrl}/${p.underClosed}?link=${token}`).closed).code).toBe(CloseCode.Unauthorized);
    // socket.io: a guest socket named after the sub-page, and one named after the link's page.
    const onSub = await connected(guestSocket(guest.cookie, p.sub));
    expect(await onSub.timeout(5_000).emitWithAck("doc:join", { documentId: p.sub })).toMatchObject({ ok: true });
    onSub.disconnect();
    const onRoot = await connected(guestSocket(guest.cookie, p.root));
    expect(await onRoot.timeout(5_000).emitWithAck("doc:join", { documentId: p.subsub })).toMatchObject({ ok: true });
    expect(await onRoot.timeout(5_000).emitWithAck("doc:join", { documentId: p.closed })).toMatchObject({ ok: false });
    onRoot.disconnect();
  });

  test("an edit link edits a sub-page; a view link does not", async () => {
    const p = await handbook();
    const edit = await guestFor((await newLink(p.root, "editor")).token);
    const view = await guestFor((await newLink(p.root, "viewer")).token);
    for (const [guest, text] of [
      [edit, "guest edit on the sub-page"],
      [view, "viewer edit on the sub-page"],
    ] as const) {
      const raw = await joinCollab(`${collabUrl}/${p.sub}`, { cookie: guest.cookie, origin: server.url });
      const doc = new Y.Doc();
      appendParagraph(doc, text);
      await sendAndSettle(raw, [syncUpdateMessage(Y.encodeStateAsUpdate(doc))]);
      raw.ws.close();
    }
    const text = await serverText(p.sub);
    expect(text).toContain("guest edit on the sub-page");
    expect(text).not.toContain("viewer edit on the sub-page");
  });

  test("turning inheritance off on a sub-page shuts the link out of it and what lies below", async () => {
    const p = await handbook();
    const guest = await guestFor((await newLink(p.root, "viewer")).token);
    expect((await guest.api.get(`/api/documents/${p.subsub}`)).status).toBe(200);
    expect((await owner.patch(`/api/documents/${p.sub}/access`, { inheritAccess: false })).status).toBe(200);
    expect((await guest.api.get(`/api/documents/${p.sub}`)).status).toBe(401);
    expect((await guest.api.get(`/api/documents/${p.subsub}`)).status).toBe(401);
  });

  test("open guest connections on a sub-page end when it stops inheriting, or moves out from under the link", async () => {
    for (const change of ["inheritance off", "moved to the top level"] as const) {
      const p = await handbook();
      const guest = await guestFor((await newLink(p.root, "viewer")).token);
      const collab = await joinCollab(`${collabUrl}/${p.subsub}`, { cookie: guest.cookie, origin: server.url });
      const socket = await connected(guestSocket(guest.cookie, p.root));
      expect(await socket.timeout(5_000).emitWithAck("doc:join", { documentId: p.sub })).toMatchObject({ ok: true });
      // The link's own page stays open through it.
      const onRoot = await joinCollab(`${collabUrl}/${p.root}`, { cookie: guest.cookie, origin: server.url });
      let collabClose: { code: number; reason: string } | undefined;
      let rootClosed = false;
      const notices: { documentId: string; role: string | null }[] = [];
      void collab.closed.then((c) => (collabClose = c));
      void onRoot.closed.then(() => (rootClosed = true));
      socket.on("access:changed", (n: { documentId: string; role: string | null }) => notices.push(n));

      const res =
        change === "inheritance off"
          ? await owner.patch(`/api/documents/${p.sub}/access`, { inheritAccess: false })
          : await owner.post(`/api/documents/${p.sub}/move`, { parentId: null });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      await until(
        () => collabClose !== undefined && notices.some((n) => n.documentId === p.sub && n.role === null),
        5_000,
        `the sub-page's channels to end (${change})`,
      );
      expect(collabClose).toEqual(CloseVariants.LinkEnded);
      expect(rootClosed).toBe(false);
      onRoot.ws.close();
      socket.disconnect();
    }
  });

  test("revoking the link ends the guest's channels on a sub-page: collab (4403), socket.io and the event stream", async () => {
    const p = await handbook();
    const { id: linkId, token } = await newLink(p.root, "viewer");
    const guest = await guestFor(token);
    const collab = await joinCollab(`${collabUrl}/${p.subsub}`, { cookie: guest.cookie, origin: server.url });
    const socket = await connected(guestSocket(guest.cookie, p.sub));
    expect(await socket.timeout(5_000).emitWithAck("doc:join", { documentId: p.sub })).toMatchObject({ ok: true });
    const stream = await SseReader.open(`${server.url}/api/events`, { cookie: guest.cookie });
    await stream.waitFor(() => stream.named("version")[0], 5_000, "the stream's greeting");
    let collabClose: { code: number; reason: string } | undefined;
    let disconnected = false;
    void collab.closed.then((c) => (collabClose = c));
    socket.on("disconnect", () => (disconnected = true));

    expect((await owner.delete(`/api/documents/${p.root}/links/${linkId}`)).status).toBe(204);
    await until(() => collabClose !== undefined && disconnected && stream.closed, 5_000, "every channel on the sub-pages to end");
    expect(collabClose).toEqual(CloseVariants.LinkEnded);
    expect((await guest.api.get(`/api/documents/${p.sub}`)).status).toBe(401);
    expect((await openRaw(`${collabUrl}/${p.subsub}`, { cookie: guest.cookie, origin: server.url }).closed).code).toBe(CloseCode.Unauthorized);
  });
});
