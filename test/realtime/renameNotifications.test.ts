// Issue 14, items 4 and 11: a rename reaches the open document page (doc:updated to the document's
// room), and notifications leave with their subject (membership removed, document deleted): gone from
// the list, the bell told live (notification:removed), and a stale row is never listed.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import { ServerEventSchemas } from "../../lib/realtime/events";
import { ask, createDocument, nextEvent, record, roundTrip, share, signUpAndConnect, TRANSPORTS, type Person } from "./helpers";

let server: TestServer;
const people: Person[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const p of people) p.socket.disconnect();
  await server?.stop();
});

async function person(name: string, transport: (typeof TRANSPORTS)[number]) {
  const p = await signUpAndConnect(server, name, transport);
  people.push(p);
  return p;
}

async function inbox(p: Person) {
  const res = await ask(p.socket, "notifications:list", {});
  if (!res.ok) throw new Error(res.error.message);
  return res;
}

/** Ana owns a document shared with Bo, who has a share notification and a mention about it. */
async function sharedWithMention(transport: (typeof TRANSPORTS)[number], title: string) {
  const ana = await person("Ana", transport);
  const bo = await person("Bo", transport);
  const doc = await createDocument(ana.api, title);
  const shared = nextEvent(bo.socket, "notification:new", (n) => n.kind === "shared");
  await share(ana.api, doc.id, bo.user.email, "editor");
  await shared;
  const mention = nextEvent(bo.socket, "notification:new", (n) => n.kind === "mention");
  expect(await ask(ana.socket, "comment:create", { documentId: doc.id, body: `@${bo.user.email.split("@")[0]} look` })).toMatchObject({ ok: true });
  await mention;
  return { ana, bo, doc };
}

describe.each(TRANSPORTS)("rename and notification lifecycle over %s", (transport) => {
  test("a collaborator with the document open receives the new title; a stranger does not", async () => {
    const ana = await person("Ana", transport);
    const bo = await person("Bo", transport);
    const stranger = await person("Cy", transport);
    const doc = await createDocument(ana.api, "Draft");
    await share(ana.api, doc.id, bo.user.email, "viewer");
    expect(await ask(bo.socket, "doc:join", { documentId: doc.id })).toMatchObject({ ok: true });
    const strangerSaw = record(stranger.socket, "doc:updated");

    const updated = nextEvent(bo.socket, "doc:updated", (p) => p.documentId === doc.id);
    expect((await ana.api.patch(`/api/documents/${doc.id}`, { title: "Final draft" })).status).toBe(200);
    const payload = ServerEventSchemas["doc:updated"].parse(await updated);
    expect(payload).toMatchObject({ documentId: doc.id, title: "Final draft" });
    expect(Date.parse(payload.updatedAt)).not.toBeNaN();

    // Once Bo closes the page (leaves the room) renames stop reaching it; the dashboard still hears doc:upsert.
    await ask(bo.socket, "doc:leave", { documentId: doc.id });
    const boSaw = record(bo.socket, "doc:updated");
    const upsert = nextEvent(bo.socket, "doc:upsert", (d) => d.id === doc.id && d.title === "Final draft 2");
    await ana.api.patch(`/api/documents/${doc.id}`, { title: "Final draft 2" });
    await upsert;
    await roundTrip(stranger.socket);
    expect(boSaw).toEqual([]);
    expect(strangerSaw).toEqual([]);
  });

  test("a removed member's notifications about the document are gone, and the bell is told", async () => {
    const { ana, bo, doc } = await sharedWithMention(transport, "Budget");
    const other = await createDocument(ana.api, "Other");
    const kept = nextEvent(bo.socket, "notification:new", (n) => n.link === `/documents/${other.id}`);
    await share(ana.api, other.id, bo.user.email, "viewer"); // a notification that must stay
    await kept;
    const before = await inbox(bo);
    expect(before.unread).toBe(3);
    const aboutDoc = before.notifications.filter((n) => n.link === `/documents/${doc.id}`).map((n) => n.id);
    expect(aboutDoc).toHaveLength(2);

    const told = nextEvent(bo.socket, "notification:removed");
    const anaTold = record(ana.socket, "notification:removed");
    expect((await ana.api.delete(`/api/documents/${doc.id}/members/${bo.user.id}`)).status).toBe(204);
    const removed = ServerEventSchemas["notification:removed"].parse(await told);
    expect([...removed.ids].sort()).toEqual([...aboutDoc].sort());
    expect(removed.unread).toBe(1);

    const after = await inbox(bo);
    expect(after.unread).toBe(1);
    expect(after.notifications.map((n) => n.link)).toEqual([`/documents/${other.id}`]);
    // Ana's own bell hears nothing of Bo's removal.
    await roundTrip(ana.socket);
    expect(anaTold).toEqual([]);
  });

  test("deleting the document removes every member's notifications about it, live", async () => {
    const { ana, bo, doc } = await sharedWithMention(transport, "Old notes");
    const cy = await person("Cy", transport);
    const cyShared = nextEvent(cy.socket, "notification:new");
    await share(ana.api, doc.id, cy.user.email, "viewer");
    await cyShared;

    const toBo = nextEvent(bo.socket, "notification:removed");
    const toCy = nextEvent(cy.socket, "notification:removed");
    expect((await ana.api.delete(`/api/documents/${doc.id}`)).status).toBe(204);
    expect((await toBo).ids).toHaveLength(2);
    expect(await toCy).toMatchObject({ unread: 0 });
    expect(await inbox(bo)).toMatchObject({ notifications: [], unread: 0 });
    expect(await inbox(cy)).toMatchObject({ notifications: [], unread: 0 });
  });

  test("a notification whose document is no longer accessible is never listed (read-time safety net)", async () => {
    const ana = await person("Ana", transport);
    const bo = await person("Bo", transport);
    const doc = await createDocument(ana.api, "Kept");
    const boShared = nextEvent(bo.socket, "notification:new");
    await share(ana.api, doc.id, bo.user.email, "viewer");
    await boShared;
    // A row the live path never cleaned up (written while no event could remove it, or by an older version).
    await server.services.db.notification.create({
      data: { id: `stale-${transport}`, userId: bo.user.id, kind: "shared", text: "stale", link: "/documents/gone-for-good" },
    });
    // And a document put in the trash behind the live path's back (no document.deleted event).
    const trashed = await createDocument(ana.api, "Trashed quietly");
    const boTrashedShare = nextEvent(bo.socket, "notification:new", (n) => n.link === `/documents/${trashed.id}`);
    await share(ana.api, trashed.id, bo.user.email, "viewer");
    const trashedNote = await boTrashedShare;
    await server.services.db.document.update({ where: { id: trashed.id }, data: { deletedAt: new Date() } });

    const told = nextEvent(bo.socket, "notification:removed");
    const listed = await inbox(bo);
    expect(listed.notifications.map((n) => n.link)).toEqual([`/documents/${doc.id}`]);
    expect(listed.unread).toBe(1);
    const removed = await told;
    expect([...removed.ids].sort()).toEqual([`stale-${transport}`, trashedNote.id].sort());
    expect(removed.unread).toBe(1);
  });
});
