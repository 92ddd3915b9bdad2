// One presence: who has a document open is who is in its collaboration room. A collab socket alone
// (no socket.io doc:join) puts its account in other members' "open now"; closing it takes it out;
// several tabs of one account count once; a socket.io doc:join alone is not presence.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import type { RawSocket } from "../collab/wsClients";
import { ask, closeCollab, createDocument, nextEvent, openCollab, record, roundTrip, share, signUpAndConnect, TRANSPORTS, type Person } from "./helpers";

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

async function collab(p: Person, documentId: string) {
  const socket = await openCollab(server, p.api, documentId);
  collabs.push(socket);
  return socket;
}

describe.each(TRANSPORTS)("presence from the collaboration rooms, dashboards over %s", (transport) => {
  test("a collab socket alone shows its account as open now to other members; closing it removes it", async () => {
    const ana = await person("Ana", transport);
    const bo = await person("Bo", transport);
    const outsider = await person("Cy", transport);
    const doc = await createDocument(ana.api, "Planning");
    await share(ana.api, doc.id, bo.user.email, "viewer"); // a viewer counts like anyone else
    const outsiderPresence = record(outsider.socket, "presence:doc");

    const seen = nextEvent(ana.socket, "presence:doc", (p) => p.documentId === doc.id && p.users.length > 0);
    const boTab = await collab(bo, doc.id);
    expect((await seen).users).toEqual([{ id: bo.user.id, name: "Bo" }]);
    expect(await ask(ana.socket, "presence:list", {})).toEqual({ ok: true, presence: [{ documentId: doc.id, users: [{ id: bo.user.id, name: "Bo" }] }] });

    const gone = nextEvent(ana.socket, "presence:doc", (p) => p.documentId === doc.id && p.users.length === 0);
    await closeCollab(boTab);
    await gone;
    expect(await ask(ana.socket, "presence:list", {})).toEqual({ ok: true, presence: [] });
    await roundTrip(outsider.socket);
    expect(outsiderPresence).toEqual([]);
  });

  test("three tabs of one account count once, until the last one closes", async () => {
    const ana = await person("Ana", transport);
    const bo = await person("Bo", transport);
    const doc = await createDocument(ana.api, "Tabs");
    await share(ana.api, doc.id, bo.user.email, "editor");
    const updates = record(ana.socket, "presence:doc");

    const seen = nextEvent(ana.socket, "presence:doc", (p) => p.documentId === doc.id && p.users.length === 1);
    const tabs = [await collab(bo, doc.id), await collab(bo, doc.id), await collab(bo, doc.id)];
    await seen;
    await closeCollab(tabs[0]);
    await closeCollab(tabs[1]);
    await roundTrip(ana.socket);
    expect(await ask(ana.socket, "presence:list", {})).toMatchObject({ presence: [{ documentId: doc.id, users: [{ id: bo.user.id }] }] });

    const gone = nextEvent(ana.socket, "presence:doc", (p) => p.documentId === doc.id && p.users.length === 0);
    await closeCollab(tabs[2]);
    await gone;
    // Bo arrived once and left once: the other tabs' comings and goings changed nothing anyone sees.
    expect(updates.filter((p) => p.documentId === doc.id).map((p) => p.users.map((u) => u.name))).toEqual([["Bo"], []]);
  });

  test("a socket.io doc:join alone is not presence (it is the comments' room)", async () => {
    const ana = await person("Ana", transport);
    const bo = await person("Bo", transport);
    const doc = await createDocument(ana.api, "Comments only");
    await share(ana.api, doc.id, bo.user.email, "editor");
    const updates = record(ana.socket, "presence:doc");
    expect(await ask(bo.socket, "doc:join", { documentId: doc.id })).toEqual({ ok: true, role: "editor", presence: [] });
    await roundTrip(bo.socket);
    await roundTrip(ana.socket);
    expect(updates).toEqual([]);

    // The editor's avatars and the dashboard read the same source: the doc:join answer agrees too.
    const seen = nextEvent(bo.socket, "presence:doc", (p) => p.documentId === doc.id && p.users.length === 2);
    await collab(ana, doc.id);
    await collab(bo, doc.id);
    expect((await seen).users.map((u) => u.name)).toEqual(["Ana", "Bo"]);
    expect(await ask(bo.socket, "doc:join", { documentId: doc.id })).toMatchObject({ presence: [{ name: "Ana" }, { name: "Bo" }] });
  });

  test("a removed member's collab socket is ended, and they leave everyone's open now", async () => {
    const ana = await person("Ana", transport);
    const bo = await person("Bo", transport);
    const doc = await createDocument(ana.api, "Removal");
    await share(ana.api, doc.id, bo.user.email, "editor");
    const both = nextEvent(ana.socket, "presence:doc", (p) => p.documentId === doc.id && p.users.length === 2);
    await collab(ana, doc.id);
    const boTab = await collab(bo, doc.id);
    await both;

    const onlyAna = nextEvent(ana.socket, "presence:doc", (p) => p.documentId === doc.id && p.users.length === 1);
    expect((await ana.api.delete(`/api/documents/${doc.id}/members/${bo.user.id}`)).status).toBe(204);
    expect((await boTab.closed).code).toBe(4403);
    expect((await onlyAna).users).toEqual([{ id: ana.user.id, name: "Ana" }]);
  });
});
