// Live dashboard: HTTP changes reach every open tab of the affected users, and an open editor learns
// why its access changed.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  ask,
  closeCollab,
  connected,
  createDocument,
  nextEvent,
  openCollab,
  openSocket,
  record,
  roundTrip,
  share,
  signUpAndConnect,
  TRANSPORTS,
  type ClientSocket,
  type Person,
} from "./helpers";

let server: TestServer;
const people: Person[] = [];
const extra: ClientSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const s of [...people.map((p) => p.socket), ...extra]) s.disconnect();
  await server?.stop();
});

async function person(name: string, transport: (typeof TRANSPORTS)[number]) {
  const p = await signUpAndConnect(server, name, transport);
  people.push(p);
  return p;
}

describe.each(TRANSPORTS)("live dashboard over %s", (transport) => {
  test("create, rename and delete over HTTP reach every open tab of the owner", async () => {
    const ana = await person("Ana", transport);
    const secondTab = await connected(openSocket(server.url, { transport, cookie: ana.api.cookie }));
    extra.push(secondTab);

    const created = Promise.all([ana.socket, secondTab].map((s) => nextEvent(s, "doc:upsert", (d) => d.title === "Q3 plan")));
    const doc = await createDocument(ana.api, "Q3 plan");
    for (const d of await created) expect(d).toMatchObject({ id: doc.id, title: "Q3 plan", role: "owner", ownerName: "Ana" });

    const renamed = nextEvent(secondTab, "doc:upsert", (d) => d.id === doc.id && d.title === "Q3 plan (final)");
    expect((await ana.api.patch(`/api/documents/${doc.id}`, { title: "Q3 plan (final)" })).status).toBe(200);
    expect((await renamed).role).toBe("owner");

    const removed = nextEvent(secondTab, "doc:removed", (p) => p.documentId === doc.id);
    expect((await ana.api.delete(`/api/documents/${doc.id}`)).status).toBe(204);
    expect(await removed).toEqual({ documentId: doc.id, title: "Q3 plan (final)", reason: "deleted" });
  });

  test("sharing shows the document on the invitee's dashboard with their role, and notifies them", async () => {
    const ana = await person("Ana", transport);
    const bo = await person("Bo", transport);
    const doc = await createDocument(ana.api, "Roadmap");
    const upsert = nextEvent(bo.socket, "doc:upsert", (d) => d.id === doc.id);
    const access = nextEvent(bo.socket, "access:changed", (c) => c.documentId === doc.id);
    const note = nextEvent(bo.socket, "notification:new", (n) => n.kind === "shared");
    await share(ana.api, doc.id, bo.user.email, "viewer");
    expect(await upsert).toMatchObject({ id: doc.id, title: "Roadmap", role: "viewer", ownerName: "Ana" });
    expect(await access).toMatchObject({ role: "viewer", previousRole: null, reason: "shared" });
    expect(await note).toMatchObject({ text: "Ana shared 'Roadmap' with you (can view).", link: `/documents/${doc.id}`, read: false });

    const changed = nextEvent(bo.socket, "access:changed", (c) => c.documentId === doc.id && c.reason === "role_changed");
    const relisted = nextEvent(bo.socket, "doc:upsert", (d) => d.id === doc.id && d.role === "editor");
    expect((await ana.api.patch(`/api/documents/${doc.id}/members/${bo.user.id}`, { role: "editor" })).status).toBe(200);
    expect(await changed).toMatchObject({ role: "editor", previousRole: "viewer" });
    await relisted;

    // Renames reach every member, each with their own role.
    const renamed = nextEvent(bo.socket, "doc:upsert", (d) => d.id === doc.id && d.title === "Roadmap 2");
    await ana.api.patch(`/api/documents/${doc.id}`, { title: "Roadmap 2" });
    expect((await renamed).role).toBe("editor");
  });

  test("removing a member tells their open editor why, and cuts them off from the document's room", async () => {
    const ana = await person("Ana", transport);
    const bo = await person("Bo", transport);
    const doc = await createDocument(ana.api, "Budget");
    await share(ana.api, doc.id, bo.user.email, "editor");
    await ask(ana.socket, "doc:join", { documentId: doc.id });
    expect(await ask(bo.socket, "doc:join", { documentId: doc.id })).toMatchObject({ ok: true });
    // Both have the document open in the editor (presence comes from the collaboration room).
    const bothPresent = nextEvent(ana.socket, "presence:doc", (p) => p.documentId === doc.id && p.users.length === 2);
    const editors = [await openCollab(server, ana.api, doc.id), await openCollab(server, bo.api, doc.id)];
    await bothPresent;

    const access = nextEvent(bo.socket, "access:changed", (c) => c.documentId === doc.id);
    const removed = nextEvent(bo.socket, "doc:removed", (p) => p.documentId === doc.id);
    const presence = nextEvent(ana.socket, "presence:doc", (p) => p.documentId === doc.id && p.users.length === 1);
    expect((await ana.api.delete(`/api/documents/${doc.id}/members/${bo.user.id}`)).status).toBe(204);
    expect(await access).toEqual({
      documentId: doc.id,
      title: "Budget",
      role: null,
      previousRole: "editor",
      reason: "removed",
      message: "Ana removed your access to 'Budget'.",
    });
    expect(await removed).toMatchObject({ reason: "removed" });
    expect((await presence).users).toEqual([{ id: ana.user.id, name: "Ana" }]);
    for (const editor of editors) await closeCollab(editor);

    // No more comments for Bo, and he can neither re-join nor read them.
    const boComments = record(bo.socket, "comment:upsert");
    const live = nextEvent(ana.socket, "comment:upsert");
    await ask(ana.socket, "comment:create", { documentId: doc.id, body: "after Bo left" });
    await live;
    await roundTrip(bo.socket);
    expect(boComments).toEqual([]);
    expect(await ask(bo.socket, "doc:join", { documentId: doc.id })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await ask(bo.socket, "comments:list", { documentId: doc.id })).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  test("deleting a document tells open editors and members' dashboards", async () => {
    const ana = await person("Ana", transport);
    const bo = await person("Bo", transport);
    const doc = await createDocument(ana.api, "Old notes");
    await share(ana.api, doc.id, bo.user.email, "viewer");
    await ask(bo.socket, "doc:join", { documentId: doc.id });
    const access = nextEvent(bo.socket, "access:changed", (c) => c.documentId === doc.id && c.reason === "deleted");
    const removed = nextEvent(bo.socket, "doc:removed", (p) => p.documentId === doc.id);
    await ana.api.delete(`/api/documents/${doc.id}`);
    expect(await access).toMatchObject({ role: null, message: "'Old notes' was deleted by its owner." });
    expect(await removed).toMatchObject({ reason: "deleted" });
  });
});
