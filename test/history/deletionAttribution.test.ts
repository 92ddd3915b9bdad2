// Who deleted what, through the real server (SQLite, or PostgreSQL with TEST_POSTGRES_URL): three
// editors on stock y-websocket clients delete in the same window, with no version in between, and
// compare names each one beside the text they removed, with when; formatting-only changes (bold, a
// heading's level) show as changes attributed to who made them; a restore's deletions are its author's.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { closeSession, openProvider, synced, until, type Session } from "../collab/wsClients";
import { collabOf } from "../../server/collab/collabChannel";
import { EDITOR_FIELD } from "../../server/collab/documentText";
import { CompareResponse, Version } from "../../lib/contracts/history";

type Person = { api: ApiClient; id: string; name: string; token: string; email: string };

let server: TestServer;
let collabUrl: string;
let ada: Person; // owner
let bob: Person; // editor
let cy: Person; // editor
const sessions: Session[] = [];

async function person(name: string): Promise<Person> {
  const api = new ApiClient(server.url);
  const user = await api.signup(name);
  const token = (await api.post("/api/tokens", { name: "attribution test" })).body.token.token as string;
  return { api, id: user.id, name, token, email: (await api.get("/api/me")).body.user.email };
}

async function newDocument(title: string): Promise<string> {
  const id = (await ada.api.post("/api/documents", { title })).body.id as string;
  for (const who of [bob, cy]) expect((await ada.api.post(`/api/documents/${id}/members`, { email: who.email, role: "editor" })).status).toBe(201);
  return id;
}

const textNow = async (id: string) => (await collabOf(server.services)!.readText(id)) ?? "";

async function open(who: Person, id: string): Promise<Session> {
  const s = openProvider(collabUrl, id, who.token);
  sessions.push(s);
  await synced(s);
  return s;
}

const block = (s: Session, i: number) => s.doc.getXmlFragment(EDITOR_FIELD).get(i) as Y.XmlElement;
const textIn = (s: Session, i: number) => block(s, i).get(0) as Y.XmlText;

async function nameVersion(id: string, name: string): Promise<Version> {
  const res = await ada.api.post(`/api/documents/${id}/versions`, { name });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return Version.parse(res.body);
}

async function compare(id: string, from: string, to: string): Promise<CompareResponse> {
  const res = await ada.api.get(`/api/documents/${id}/compare?from=${from}&to=${to}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return CompareResponse.parse(res.body);
}

/** [change, text, author's name] of every changed run. */
function changes(body: CompareResponse): [string, string, string | null][] {
  const names = new Map(body.authors.map((a) => [a.id, a.name]));
  return body.blocks.flatMap((b) =>
    b.runs
      .filter((r) => r.change !== "same")
      .map((r) => [r.change, r.text, r.authorId ? (names.get(r.authorId) ?? "?") : null] as [string, string, string | null]),
  );
}

beforeAll(async () => {
  // No automatic versions during a test: the window between the two named versions is what is compared.
  server = await startTestServer({ HISTORY_PAUSE_MS: "600000", HISTORY_MAX_INTERVAL_MS: "600000" });
  collabUrl = `${server.url.replace(/^http/, "ws")}/collab`;
  ada = await person("Ada");
  bob = await person("Bob");
  cy = await person("Cy");
});
afterAll(async () => {
  for (const s of sessions) closeSession(s);
  await server?.stop();
});

describe("deletions in a version several people wrote", () => {
  test("three editors delete in one window: each deletion names its deleter and when, between versions and against the current text", async () => {
    const id = await newDocument("Three deleters");
    const [a, b, c] = [await open(ada, id), await open(bob, id), await open(cy, id)];
    a.doc.transact(() => {
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText("Alpha Bravo Charlie Delta")]);
      const q = new Y.XmlElement("paragraph");
      q.insert(0, [new Y.XmlText("Second block")]);
      a.doc.getXmlFragment(EDITOR_FIELD).push([p, q]);
    });
    await until(async () => (await textNow(id)).includes("Second block"), 5_000, "typed text on the server");
    await until(() => c.doc.getXmlFragment(EDITOR_FIELD).length === 2 && b.doc.getXmlFragment(EDITOR_FIELD).length === 2, 5_000, "peers synced");
    const before = await nameVersion(id, "Before");
    const started = Date.now();

    textIn(b, 0).delete(6, 6); // "Bravo "
    await until(async () => !(await textNow(id)).includes("Bravo"), 5_000, "Bob's deletion");
    await until(() => !textIn(c, 0).toString().includes("Bravo"), 5_000, "Cy sees it");
    textIn(c, 0).delete(13, 6); // " Delta" (of "Alpha Charlie Delta")
    b.doc.getXmlFragment(EDITOR_FIELD).delete(1, 1); // Bob again: the whole second block
    await until(async () => !(await textNow(id)).includes("Delta") && !(await textNow(id)).includes("Second"), 5_000, "Cy's and Bob's deletions");
    await until(() => !textIn(a, 0).toString().includes("Delta"), 5_000, "Ada sees it");
    textIn(a, 0).delete(0, 6); // "Alpha "
    await until(async () => (await textNow(id)).trim() === "Charlie", 5_000, "Ada's deletion");

    const expected: [string, string, string | null][] = [
      ["removed", "Alpha ", "Ada"],
      ["removed", "Bravo ", "Bob"],
      ["removed", " Delta", "Cy"],
      ["removed", "Second block", "Bob"],
    ];
    const now = await compare(id, before.id, "current");
    expect(changes(now)).toEqual(expected);
    for (const run of now.blocks.flatMap((x) => x.runs).filter((r) => r.change === "removed")) {
      expect(Date.parse(run.at!)).toBeGreaterThanOrEqual(started - 1_000);
      expect(Date.parse(run.at!)).toBeLessThanOrEqual(Date.now());
    }
    expect(now.authors.map((x) => x.name).sort()).toEqual(["Ada", "Bob", "Cy"]);

    // Kept as a version with three contributors' deletions: still each one's.
    const after = await nameVersion(id, "After");
    expect(changes(await compare(id, before.id, after.id))).toEqual(expected);
  });

  test("a restore's deletions are attributed to who restored", async () => {
    const id = await newDocument("Restore deletes");
    const a = await open(ada, id);
    a.doc.transact(() => {
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText("Keep")]);
      a.doc.getXmlFragment(EDITOR_FIELD).push([p]);
    });
    await until(async () => (await textNow(id)).includes("Keep"), 5_000, "typed");
    const v1 = await nameVersion(id, "Only keep");
    textIn(a, 0).insert(4, " and more");
    await until(async () => (await textNow(id)).includes("more"), 5_000, "typed more");
    const v2 = await nameVersion(id, "More");
    expect((await bob.api.post(`/api/documents/${id}/versions/${v1.id}/restore`, {})).status).toBe(200);
    await until(async () => (await textNow(id)).trim() === "Keep", 5_000, "restored");
    expect(changes(await compare(id, v2.id, "current"))).toEqual([["removed", " and more", "Bob"]]);
  });
});

describe("formatting-only changes", () => {
  test("bold added and a heading's level changed show as changes, attributed to who made them", async () => {
    const id = await newDocument("Formatting");
    const [a, c] = [await open(ada, id), await open(cy, id)];
    a.doc.transact(() => {
      const h = new Y.XmlElement("heading");
      h.setAttribute("level", 1 as unknown as string);
      h.insert(0, [new Y.XmlText("Title")]);
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText("Plain words here")]);
      a.doc.getXmlFragment(EDITOR_FIELD).push([h, p]);
    });
    await until(() => c.doc.getXmlFragment(EDITOR_FIELD).length === 2, 5_000, "Cy synced");
    const v1 = await nameVersion(id, "Plain");
    textIn(c, 1).format(6, 5, { bold: {} }); // "words"
    block(a, 0).setAttribute("level", 2 as unknown as string);
    await until(
      async () => {
        const body = await compare(id, v1.id, "current");
        return body.blocks[0].formatChange !== undefined && body.blocks[1].runs.some((r) => r.change === "formatted");
      },
      5_000,
      "formatting on the server",
    );
    const body = await compare(id, v1.id, "current");
    const names = new Map(body.authors.map((x) => [x.id, x.name]));
    expect(body.blocks[0].attrs).toEqual({ level: 2 });
    expect(body.blocks[0].formatChange?.before).toEqual({ level: 1 });
    expect(names.get(body.blocks[0].formatChange!.authorId!)).toBe("Ada");
    expect(changes(body)).toEqual([["formatted", "words", "Cy"]]);
    const v2 = await nameVersion(id, "Formatted");
    const kept = await compare(id, v1.id, v2.id);
    expect(changes(kept)).toEqual([["formatted", "words", "Cy"]]);
    expect(kept.blocks[1].runs.find((r) => r.change === "formatted")?.at).toBe(v2.createdAt);
    // Nothing changed since: the same text and formatting is "same" everywhere.
    expect(changes(await compare(id, v2.id, "current"))).toEqual([]);
  });
});
