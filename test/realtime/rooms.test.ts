// Rooms: a socket joins only documents it is a member of, and hears only its own user's and
// documents' events.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import { ask, closeCollab, createDocument, nextEvent, openCollab, record, roundTrip, share, signUpAndConnect, TRANSPORTS, type Person } from "./helpers";
import type { RawSocket } from "../collab/wsClients";

let server: TestServer;
const people: Person[] = [];
const collabs: RawSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const p of people) p.socket.disconnect();
  for (const c of collabs) c.ws.terminate();
  await server?.stop();
});

async function person(name: string, transport: (typeof TRANSPORTS)[number]) {
  const p = await signUpAndConnect(server, name, transport);
  people.push(p);
  return p;
}

describe.each(TRANSPORTS)("rooms over %s", (transport) => {
  test("joining a document you are not a member of is refused like a missing one", async () => {
    const ana = await person("Ana", transport);
    const bo = await person("Bo", transport);
    const doc = await createDocument(ana.api, "Private");
    const refused = await ask(bo.socket, "doc:join", { documentId: doc.id });
    expect(refused).toEqual({ ok: false, error: { code: "not_found", message: "Document not found." } });
    const missing = await ask(bo.socket, "doc:join", { documentId: "no-such-doc" });
    expect(missing).toEqual(refused);
    // Presence comes from the collaboration room: Ana has the document open in the editor.
    collabs.push(await openCollab(server, ana.api, doc.id));
    await nextEvent(ana.socket, "presence:doc", (p) => p.documentId === doc.id && p.users.length === 1);
    const joined = await ask(ana.socket, "doc:join", { documentId: doc.id });
    expect(joined).toEqual({ ok: true, role: "owner", presence: [{ id: ana.user.id, name: "Ana" }] });
  });

  test("comments of one document do not reach sockets in another document or of another user", async () => {
    const ana = await person("Ana", transport);
    const bo = await person("Bo", transport);
    const docA = await createDocument(ana.api, "A");
    const docB = await createDocument(bo.api, "B");
    await ask(ana.socket, "doc:join", { documentId: docA.id });
    await ask(bo.socket, "doc:join", { documentId: docB.id });
    const boComments = record(bo.socket, "comment:upsert");
    const boDocs = record(bo.socket, "doc:upsert");

    const live = nextEvent(ana.socket, "comment:upsert", (p) => p.documentId === docA.id);
    const ack = await ask(ana.socket, "comment:create", { documentId: docA.id, body: "secret plan" });
    expect(ack.ok).toBe(true);
    expect((await live).comment.body).toBe("secret plan");
    // Listening before the rename: the event may arrive before the HTTP answer does.
    const renamed = nextEvent(ana.socket, "doc:upsert", (d) => d.id === docA.id && d.title === "A renamed");
    await ana.api.patch(`/api/documents/${docA.id}`, { title: "A renamed" });
    await renamed;

    await roundTrip(bo.socket);
    expect(boComments).toEqual([]);
    expect(boDocs).toEqual([]);
  });

  test("a comment is not delivered to a member who has not opened the document", async () => {
    const ana = await person("Ana", transport);
    const bo = await person("Bo", transport);
    const doc = await createDocument(ana.api, "Shared");
    await share(ana.api, doc.id, bo.user.email, "editor");
    await ask(ana.socket, "doc:join", { documentId: doc.id });
    const boComments = record(bo.socket, "comment:upsert");
    const live = nextEvent(ana.socket, "comment:upsert");
    await ask(ana.socket, "comment:create", { documentId: doc.id, body: "hi" });
    await live;
    await roundTrip(bo.socket);
    expect(boComments).toEqual([]);
  });

  test("presence: members' dashboards see who has a document open, and when they leave", async () => {
    const ana = await person("Ana", transport);
    const bo = await person("Bo", transport);
    const outsider = await person("Cy", transport);
    const doc = await createDocument(ana.api, "Standup");
    await share(ana.api, doc.id, bo.user.email, "viewer");
    const outsiderPresence = record(outsider.socket, "presence:doc");

    const seen = nextEvent(ana.socket, "presence:doc", (p) => p.documentId === doc.id && p.users.length === 1);
    // Bo opens the document: the editor's collab socket is what makes him present.
    const boEditor = await openCollab(server, bo.api, doc.id);
    collabs.push(boEditor);
    const joined = await ask(bo.socket, "doc:join", { documentId: doc.id });
    expect(joined).toMatchObject({ ok: true, role: "viewer" });
    expect((await seen).users).toEqual([{ id: bo.user.id, name: "Bo" }]);

    const listed = await ask(ana.socket, "presence:list", {});
    expect(listed).toEqual({ ok: true, presence: [{ documentId: doc.id, users: [{ id: bo.user.id, name: "Bo" }] }] });

    const gone = nextEvent(ana.socket, "presence:doc", (p) => p.documentId === doc.id && p.users.length === 0);
    await closeCollab(boEditor);
    await gone;
    await roundTrip(outsider.socket);
    expect(outsiderPresence).toEqual([]);
  });
});
