// A document's version list, live (no polling): every new version (automatic, named, restore), rename
// and deletion reaches the open history panels of the document's members at once as versions:changed
// in its socket.io room, which only members can join (the access authority); a non-member and a
// removed member hear nothing. Then the hosted mode: named on one instance, heard on the other.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { startTestServer, type TestServer } from "../helpers/server";
import { startBackingServices, type RedisProcess } from "../hosted/redisProcess";
import { ask, createDocument, nextEvent, record, roundTrip, share, signUpAndConnect, type Person } from "../realtime/helpers";
import { closeSession, openProvider, synced, until } from "../collab/wsClients";
import { documentText, EDITOR_FIELD } from "../../server/collab/documentText";
import { Version } from "../../lib/contracts/history";

const PAUSE_MS = 300;
let server: TestServer;
let ada: Person; // owner
let bob: Person; // editor
let vic: Person; // viewer
let out: Person; // not a member

beforeAll(async () => {
  server = await startTestServer({ HISTORY_PAUSE_MS: String(PAUSE_MS), HISTORY_MAX_INTERVAL_MS: "600000" });
  ada = await signUpAndConnect(server, "Ada", "websocket");
  bob = await signUpAndConnect(server, "Bob", "websocket");
  vic = await signUpAndConnect(server, "Vic", "polling"); // long-polling carries it too
  out = await signUpAndConnect(server, "Out", "websocket");
});
afterAll(async () => {
  for (const p of [ada, bob, vic, out]) p?.socket.close();
  await server?.stop();
});

async function documentWithMembers(title: string): Promise<string> {
  const { id } = await createDocument(ada.api, title);
  await share(ada.api, id, bob.user.email, "editor");
  await share(ada.api, id, vic.user.email, "viewer");
  for (const p of [ada, bob, vic]) expect((await ask(p.socket, "doc:join", { documentId: id })).ok).toBe(true);
  return id;
}

/** Resolves when each of `people` heard versions:changed for the document. */
const heard = (id: string, people: Person[]) => Promise.all(people.map((p) => nextEvent(p.socket, "versions:changed", (e) => e.documentId === id)));

describe("versions:changed", () => {
  test("named, renamed, restored and deleted versions reach every member's panel at once; a non-member hears nothing", async () => {
    const id = await documentWithMembers("Live list");
    const refused = await ask(out.socket, "doc:join", { documentId: id });
    expect(refused.ok).toBe(false);
    const outHeard = record(out.socket, "versions:changed");

    let news = heard(id, [ada, bob, vic]);
    const named = await bob.api.post(`/api/documents/${id}/versions`, { name: "Sent to legal" });
    expect(named.status).toBe(201);
    expect(await news).toEqual([{ documentId: id }, { documentId: id }, { documentId: id }]);
    const v1 = Version.parse(named.body);

    news = heard(id, [ada, vic]);
    expect((await bob.api.patch(`/api/documents/${id}/versions/${v1.id}`, { name: "Sent to legal (v2)" })).status).toBe(200);
    await news;

    news = heard(id, [bob, vic]);
    expect((await ada.api.post(`/api/documents/${id}/versions/${v1.id}/restore`, {})).status).toBe(200);
    await news;

    news = heard(id, [bob, vic]);
    expect((await ada.api.delete(`/api/documents/${id}/versions/${v1.id}`)).status).toBe(204);
    await news;

    // Refused actions announce nothing.
    const vicHeard = record(bob.socket, "versions:changed");
    expect((await vic.api.post(`/api/documents/${id}/versions`, { name: "Nope" })).status).toBe(403);
    await roundTrip(bob.socket);
    expect(vicHeard).toEqual([]);
    await roundTrip(out.socket);
    expect(outHeard).toEqual([]);
  });

  test("an automatic version after a pause in typing is announced too, and the list then holds it", async () => {
    const id = await documentWithMembers("Live auto");
    const token = (await bob.api.post("/api/tokens", { name: "live versions" })).body.token.token as string;
    const s = openProvider(`${server.url.replace(/^http/, "ws")}/collab`, id, token);
    try {
      await synced(s);
      const news = heard(id, [ada, vic]);
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText("typed, then a pause")]);
      s.doc.getXmlFragment(EDITOR_FIELD).push([p]);
      await news;
      const list = (await vic.api.get(`/api/documents/${id}/versions`)).body.versions as Version[];
      expect(list.map((v) => [v.kind, v.authors.map((a) => a.name)])).toEqual([["auto", ["Bob"]]]);
    } finally {
      closeSession(s);
    }
  });

  test("a member removed from the document stops hearing of its versions", async () => {
    const id = await documentWithMembers("Live removal");
    expect((await ada.api.delete(`/api/documents/${id}/members/${vic.user.id}`)).status).toBe(204);
    await until(async () => (await vic.api.get(`/api/documents/${id}/versions`)).status === 404, 5_000, "Vic's access gone");
    const vicHeard = record(vic.socket, "versions:changed");
    const news = heard(id, [bob]);
    expect((await ada.api.post(`/api/documents/${id}/versions`, { name: "After Vic left" })).status).toBe(201);
    await news;
    await roundTrip(vic.socket);
    expect(vicHeard).toEqual([]);
  });
});

describe("hosted mode", () => {
  let available = true;
  let one: TestServer;
  let two: TestServer;
  let redis: RedisProcess | undefined;
  let database: { url: string; drop(): Promise<void> } | undefined;

  beforeAll(async () => {
    const services = await startBackingServices();
    if (!services) {
      available = false;
      return;
    }
    ({ database, redis } = services);
    const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, REDIS_PREFIX: `liveversions${Date.now()}:` };
    one = await startTestServer(env);
    two = await startTestServer(env);
  }, 120_000);
  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await database?.drop();
    await redis?.stop();
  });

  test("a version named on one instance reaches a panel open on the other", { timeout: 60_000 }, async (ctx) => {
    if (!available) return ctx.skip();
    const owner = await signUpAndConnect(one, "Olga", "websocket");
    const editor = await signUpAndConnect(two, "Enzo", "websocket");
    try {
      const { id } = await createDocument(owner.api, "Two instances");
      await share(owner.api, id, editor.user.email, "editor");
      expect((await ask(editor.socket, "doc:join", { documentId: id })).ok).toBe(true);
      const news = nextEvent(editor.socket, "versions:changed", (e) => e.documentId === id);
      expect((await owner.api.post(`/api/documents/${id}/versions`, { name: "Made on one" })).status).toBe(201);
      await news;
      const listed = (await editor.api.get(`/api/documents/${id}/versions`)).body.versions as Version[];
      expect(listed.map((v) => v.name)).toEqual(["Made on one"]);
      expect(documentText(new Y.Doc())).toBe("");
    } finally {
      owner.socket.close();
      editor.socket.close();
    }
  });
});
