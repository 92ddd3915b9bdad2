// The trash (issue 15), end to end over HTTP, socket.io and the collab socket: deleting moves a
// document there and every channel lets go of it as deletion always did; while it is there nothing
// opens it and its link says who can restore it; a restore gives back members, comments and the Yjs
// log and tells members' dashboards; "delete forever" and the purges remove the rows.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import { CloseCode } from "../../lib/collab/closeCodes";
import { TrashEntryResponse, TrashListResponse, RestoreResponse, PurgeResponse } from "../../lib/contracts/trash";
import { DocumentListResponse } from "../../lib/contracts/documents";
import { ApiErrorBody } from "../../lib/contracts/errors";
import { TRASH_RETENTION_DAYS, TRASH_RETENTION_MS } from "../../lib/trash";
import { closeSession, openProvider, openRaw, synced, until } from "../collab/wsClients";
import { collabOf } from "../../server/collab/collabChannel";
import { createDocument, nextEvent, share, signUpAndConnect, type Person } from "../realtime/helpers";

let server: TestServer;
const people: Person[] = [];
const ADMIN = `trash-admin-${Math.random().toString(36).slice(2, 8)}@example.com`;
beforeAll(async () => {
  server = await startTestServer({ ADMIN_EMAILS: ADMIN });
});
afterAll(async () => {
  for (const p of people) p.socket.disconnect();
  await server?.stop();
});

async function person(name: string, email?: string) {
  const p = await signUpAndConnect(server, name, "websocket", email);
  people.push(p);
  return p;
}

const collabUrl = () => `${server.url.replace(/^http/, "ws")}/collab`;
const closeOf = async (p: Person, documentId: string) => {
  const socket = openRaw(`${collabUrl()}/${documentId}`, { cookie: p.api.cookie, origin: server.url });
  return (await socket.closed).code;
};
const tokenOf = async (p: Person) => (await p.api.post("/api/tokens", { name: "trash test" })).body.token.token as string;
const listed = async (p: Person) => DocumentListResponse.parse((await p.api.get("/api/documents")).body).documents.map((d) => d.id);
const rows = async (documentId: string) => {
  const { db } = server.services;
  const where = { documentId };
  return {
    document: await db.document.count({ where: { id: documentId } }),
    members: await db.membership.count({ where }),
    comments: await db.comment.count({ where }),
    updates: await db.documentUpdate.count({ where }),
  };
};

/** Ana owns a document shared with Bo (editor) and Cy (viewer), with text and a comment in it. */
async function sharedDocument(title: string) {
  const [ana, bo, cy] = [await person("Ana"), await person("Bo"), await person("Cy")];
  const doc = await createDocument(ana.api, title);
  await share(ana.api, doc.id, bo.user.email, "editor");
  await share(ana.api, doc.id, cy.user.email, "viewer");
  const writer = openProvider(collabUrl(), doc.id, await tokenOf(bo));
  await synced(writer);
  writer.doc.getText("t").insert(0, `words of ${title}`);
  await until(
    async () => (await rows(doc.id)).updates > 0 || (await server.services.db.document.findUnique({ where: { id: doc.id } }))?.snapshot != null,
    10_000,
    "the edit stored",
  );
  closeSession(writer);
  await server.services.comments.create({ ...bo.user, isAdmin: false }, { documentId: doc.id, body: "keep this" });
  return { ana, bo, cy, doc };
}

describe("moving a document to the trash", () => {
  test("ends every channel as deletion does, hides it from lists, and its link names who can restore it", async () => {
    const { ana, bo, cy, doc } = await sharedDocument("Budget");
    const stranger = await person("Dee");
    const before = await rows(doc.id);

    const open = openRaw(`${collabUrl()}/${doc.id}`, { cookie: bo.api.cookie, origin: server.url });
    await open.opened;
    const joined = await bo.socket.timeout(5_000).emitWithAck("doc:join", { documentId: doc.id });
    expect(joined).toMatchObject({ ok: true });
    const told = nextEvent(bo.socket, "access:changed", (c) => c.documentId === doc.id);
    const dropped = Promise.all([ana, bo, cy].map((p) => nextEvent(p.socket, "doc:removed", (r) => r.documentId === doc.id)));

    expect((await ana.api.delete(`/api/documents/${doc.id}`)).status).toBe(204);
    expect((await open.closed).code).toBe(CloseCode.DocumentDeleted);
    expect(await told).toMatchObject({ reason: "deleted", role: null });
    for (const r of await dropped) expect(r.reason).toBe("deleted");

    // Nothing opens it: not the list, not HTTP, not collab; its rows are all still there.
    for (const p of [ana, bo, cy]) expect(await listed(p)).not.toContain(doc.id);
    for (const p of [ana, bo, cy]) expect(await closeOf(p, doc.id)).toBe(CloseCode.DocumentDeleted);
    expect(await closeOf(stranger, doc.id)).toBe(CloseCode.Forbidden);
    expect(await rows(doc.id)).toEqual(before);
    // Not even the server's own reads (search, server edits) open it while it is there.
    expect(await collabOf(server.services)!.readText(doc.id)).toBeNull();

    const forBo = await bo.api.get(`/api/documents/${doc.id}`);
    expect(forBo.status).toBe(404);
    expect(ApiErrorBody.parse(forBo.body).error.message).toBe("This document is in the trash. Only its owner, Ana, can restore it.");
    expect((await ana.api.get(`/api/documents/${doc.id}`)).body.error.message).toMatch(/in the trash\. You can restore it/);
    expect((await bo.api.get(`/api/documents/${doc.id}/members`)).status).toBe(404);
    // A stranger learns nothing: the same answer as for an id that never existed.
    expect((await stranger.api.get(`/api/documents/${doc.id}`)).body).toEqual({ error: { code: "not_found", message: "Document not found." } });
    expect((await stranger.api.get(`/api/trash/${doc.id}`)).status).toBe(404);

    const entry = TrashEntryResponse.parse((await cy.api.get(`/api/trash/${doc.id}`)).body);
    expect(entry).toMatchObject({ canRestore: false, document: { id: doc.id, ownerName: "Ana", deletedByName: "Ana" } });
    expect(TrashEntryResponse.parse((await ana.api.get(`/api/trash/${doc.id}`)).body).canRestore).toBe(true);

    const trash = TrashListResponse.parse((await ana.api.get("/api/trash")).body).documents;
    expect(trash.map((d) => d.id)).toEqual([doc.id]);
    expect(Date.parse(trash[0].purgeAt) - Date.parse(trash[0].deletedAt)).toBe(TRASH_RETENTION_MS);
    expect(TRASH_RETENTION_DAYS).toBe(30);
    // Members see it in no trash of theirs: only the owner's.
    expect(TrashListResponse.parse((await bo.api.get("/api/trash")).body).documents).toEqual([]);
  });

  test("search finds nothing in the trash, and finds it again once restored", async () => {
    const { ana, bo, doc } = await sharedDocument("Zebracorn");
    const hits = async () => ((await bo.api.get("/api/search?q=zebracorn")).body.results as Array<{ id: string }>).map((r) => r.id);
    await until(async () => (await hits()).includes(doc.id), 15_000, "indexed");
    expect((await ana.api.delete(`/api/documents/${doc.id}`)).status).toBe(204);
    expect(await hits()).toEqual([]);
    expect((await ana.api.post(`/api/trash/${doc.id}/restore`)).status).toBe(200);
    await until(async () => (await hits()).includes(doc.id), 15_000, "indexed again");
  });
});

describe("restoring", () => {
  test("gives back members, comments and text, and members' dashboards get it back with their role", async () => {
    const { ana, bo, cy, doc } = await sharedDocument("Roadmap");
    const before = await rows(doc.id);
    expect((await ana.api.delete(`/api/documents/${doc.id}`)).status).toBe(204);

    const back = Promise.all([bo, cy].map((p) => nextEvent(p.socket, "doc:upsert", (d) => d.id === doc.id)));
    const res = await ana.api.post(`/api/documents/${doc.id}/restore`);
    expect(res.status).toBe(200);
    expect(RestoreResponse.parse(res.body)).toMatchObject({ id: doc.id, title: "Roadmap", role: "owner" });
    expect((await back).map((d) => d.role)).toEqual(["editor", "viewer"]);

    expect(await rows(doc.id)).toEqual(before);
    for (const p of [ana, bo, cy]) expect(await listed(p)).toContain(doc.id);
    expect(TrashListResponse.parse((await ana.api.get("/api/trash")).body).documents).toEqual([]);
    expect((await bo.api.get(`/api/documents/${doc.id}/members`)).body.members).toHaveLength(3);

    const reader = openProvider(collabUrl(), doc.id, await tokenOf(cy));
    await synced(reader);
    expect(reader.doc.getText("t").toString()).toBe("words of Roadmap");
    closeSession(reader);
    const comments = await server.services.comments.list({ ...cy.user, isAdmin: false }, doc.id);
    expect(comments.map((c) => c.body)).toEqual(["keep this"]);
  });

  test("only the owner may restore or delete for good; a live document is not in the trash", async () => {
    const { ana, bo, cy, doc } = await sharedDocument("Guarded");
    const stranger = await person("Eve");
    expect((await ana.api.post(`/api/trash/${doc.id}/restore`)).status).toBe(404); // not trashed
    expect((await ana.api.delete(`/api/trash/${doc.id}`)).status).toBe(404);
    expect((await ana.api.delete(`/api/documents/${doc.id}`)).status).toBe(204);

    for (const p of [bo, cy]) {
      const refused = await p.api.post(`/api/trash/${doc.id}/restore`);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/owner, Ana/);
      expect((await p.api.delete(`/api/trash/${doc.id}`)).status).toBe(403);
    }
    expect((await stranger.api.post(`/api/trash/${doc.id}/restore`)).status).toBe(404);
    expect((await stranger.api.delete(`/api/trash/${doc.id}`)).status).toBe(404);
    // Access tokens never restore or delete, whatever their scopes.
    const token = await tokenOf(ana);
    expect((await ana.api.post(`/api/trash/${doc.id}/restore`, {}, { authorization: `Bearer ${token}`, cookie: "" })).status).toBe(403);
    expect((await rows(doc.id)).document).toBe(1);
    expect(await listed(bo)).not.toContain(doc.id);
  });
});

describe("deleting for good", () => {
  test("the owner's delete forever removes every row", async () => {
    const { ana, doc } = await sharedDocument("Shred");
    expect((await ana.api.delete(`/api/documents/${doc.id}`)).status).toBe(204);
    expect((await ana.api.delete(`/api/trash/${doc.id}`)).status).toBe(204);
    expect(await rows(doc.id)).toEqual({ document: 0, members: 0, comments: 0, updates: 0 });
    expect((await ana.api.get(`/api/trash/${doc.id}`)).status).toBe(404);
    expect((await ana.api.post(`/api/trash/${doc.id}/restore`)).status).toBe(404);
  });

  test(`the purge takes what was trashed more than ${TRASH_RETENTION_DAYS} days ago, and nothing younger`, async () => {
    const { ana, doc: old } = await sharedDocument("Ancient");
    const young = await createDocument(ana.api, "Recent");
    const live = await createDocument(ana.api, "Alive");
    for (const d of [old, young]) expect((await ana.api.delete(`/api/documents/${d.id}`)).status).toBe(204);
    const now = Date.now();
    await server.services.db.document.update({ where: { id: old.id }, data: { deletedAt: new Date(now - TRASH_RETENTION_MS - 60_000) } });
    await server.services.db.document.update({ where: { id: young.id }, data: { deletedAt: new Date(now - TRASH_RETENTION_MS + 3600_000) } });

    expect(await server.services.trash.purgeExpired(new Date(now))).toBeGreaterThanOrEqual(1);
    expect(await rows(old.id)).toEqual({ document: 0, members: 0, comments: 0, updates: 0 });
    expect((await rows(young.id)).document).toBe(1);
    expect((await rows(live.id)).document).toBe(1);
    const left = TrashListResponse.parse((await ana.api.get("/api/trash")).body).documents;
    expect(left.map((d) => d.id)).toEqual([young.id]);
  });

  test("an administrator empties every trash; nobody else may", async () => {
    const ana = await person("Ana");
    const admin = await person("Admin", ADMIN);
    const doc = await createDocument(ana.api, "Admin purges me");
    const live = await createDocument(ana.api, "Admin keeps me");
    expect((await ana.api.delete(`/api/documents/${doc.id}`)).status).toBe(204);
    expect((await ana.api.delete("/api/admin/trash")).status).toBe(403);
    expect((await rows(doc.id)).document).toBe(1);
    const res = await admin.api.delete("/api/admin/trash");
    expect(res.status).toBe(200);
    expect(PurgeResponse.parse(res.body).purged).toBeGreaterThanOrEqual(1);
    expect((await rows(doc.id)).document).toBe(0);
    expect((await rows(live.id)).document).toBe(1);
  });
});
