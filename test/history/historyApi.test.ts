// Version history through the real server (SQLite, or PostgreSQL with TEST_POSTGRES_URL): automatic
// versions after a pause in typing over stock y-websocket clients, named versions, roles, viewing,
// compare with authors, restore reaching an open editor live, copy, retention, and bad input.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { closeSession, openProvider, synced, until, type Session } from "../collab/wsClients";
import { collabOf } from "../../server/collab/collabChannel";
import { documentText, EDITOR_FIELD } from "../../server/collab/documentText";
import { CompareResponse, Version, VersionContentResponse, VersionListResponse, type CompareRun } from "../../lib/contracts/history";
import { ListedDocument } from "../../lib/contracts/documents";

const PAUSE_MS = 400;

type Person = { api: ApiClient; id: string; name: string; token: string };

let server: TestServer;
let collabUrl: string;
let ada: Person; // owner
let bob: Person; // editor
let vic: Person; // viewer
let out: Person; // not a member

async function person(name: string): Promise<Person> {
  const api = new ApiClient(server.url);
  const user = await api.signup(name);
  const token = (await api.post("/api/tokens", { name: "history test" })).body.token.token as string;
  return { api, id: user.id, name, token };
}

function paragraph(doc: Y.Doc, text: string): void {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(EDITOR_FIELD).push([p]);
}

async function newDocument(title: string): Promise<string> {
  const id = (await ada.api.post("/api/documents", { title })).body.id as string;
  for (const [who, role] of [
    [bob, "editor"],
    [vic, "viewer"],
  ] as const) {
    const res = await ada.api.post(`/api/documents/${id}/members`, { email: (await who.api.get("/api/me")).body.user.email, role });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  return id;
}

async function versions(id: string, who = ada): Promise<Version[]> {
  const res = await who.api.get(`/api/documents/${id}/versions`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return VersionListResponse.parse(res.body).versions;
}

const textNow = async (id: string) => (await collabOf(server.services)!.readText(id)) ?? "";

/** Types over a stock y-websocket client and waits until the server has it. */
async function typeAs(who: Person, id: string, text: string): Promise<Session> {
  const s = openProvider(collabUrl, id, who.token);
  await synced(s);
  paragraph(s.doc, text);
  await until(async () => (await textNow(id)).includes(text), 5_000, "typed text on the server");
  return s;
}

beforeAll(async () => {
  server = await startTestServer({ HISTORY_PAUSE_MS: String(PAUSE_MS), HISTORY_MAX_INTERVAL_MS: "2000", HISTORY_KEEP_AUTO_DAYS: "30" });
  collabUrl = `${server.url.replace(/^http/, "ws")}/collab`;
  ada = await person("Ada");
  bob = await person("Bob");
  vic = await person("Vic");
  out = await person("Out");
});
afterAll(async () => server?.stop());

describe("automatic versions", () => {
  test("one after a pause in editing, with both writers as contributors; none when nothing changed", async () => {
    const id = await newDocument("Auto");
    // Both connected first, then both type within one pause.
    const a = openProvider(collabUrl, id, ada.token);
    const b = openProvider(collabUrl, id, bob.token);
    try {
      await Promise.all([synced(a), synced(b)]);
      paragraph(a.doc, "Ada wrote this.");
      paragraph(b.doc, "Bob wrote that.");
      await until(async () => (await versions(id)).length === 1, 5_000, "first automatic version");
      const [v] = await versions(id);
      expect(v.kind).toBe("auto");
      expect(v.name).toBeNull();
      expect(v.authors.map((c) => c.name).sort()).toEqual(["Ada", "Bob"]);
      // Quiet for several pauses: still one version (nothing changed since).
      await new Promise((r) => setTimeout(r, PAUSE_MS * 4));
      expect(await versions(id)).toHaveLength(1);
      // Another edit: a second version, listed first, with only its own contributor.
      paragraph(b.doc, "Bob again.");
      await until(async () => (await versions(id)).length === 2, 5_000, "second automatic version");
      const [newest, oldest] = await versions(id);
      expect(newest.createdAt > oldest.createdAt).toBe(true);
      expect(newest.authors).toEqual([{ id: bob.id, name: "Bob" }]);
    } finally {
      closeSession(a);
      closeSession(b);
    }
  });

  test("continuous typing still makes a version within the longest interval, not one per keystroke", async () => {
    const id = await newDocument("Busy");
    const s = openProvider(collabUrl, id, bob.token);
    await synced(s);
    const keys = setInterval(() => paragraph(s.doc, "x"), 50); // never quiet for PAUSE_MS
    try {
      await until(async () => (await versions(id)).length >= 1, 4_000, "a version during continuous typing");
      expect((await versions(id)).length).toBeLessThanOrEqual(2); // ~60 keystrokes so far
    } finally {
      clearInterval(keys);
      closeSession(s);
    }
  });
});

describe("named versions and roles", () => {
  let id: string;
  let named: Version;
  beforeAll(async () => {
    id = await newDocument("Roles");
    await collabOf(server.services)!.edit(id, (doc) => paragraph(doc, "First draft."));
    const res = await bob.api.post(`/api/documents/${id}/versions`, { name: "Sent to legal" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    named = Version.parse(res.body);
  });

  test("an editor names the current state; it lists first, and can be renamed and its name cleared", async () => {
    expect(named).toMatchObject({ kind: "named", name: "Sent to legal" });
    expect((await versions(id, vic))[0].id).toBe(named.id);
    const renamed = await bob.api.patch(`/api/documents/${id}/versions/${named.id}`, { name: "Signed" });
    expect(renamed.status).toBe(200);
    expect(Version.parse(renamed.body).name).toBe("Signed");
    const cleared = await bob.api.patch(`/api/documents/${id}/versions/${named.id}`, { name: null });
    expect(Version.parse(cleared.body).name).toBeNull();
    await bob.api.patch(`/api/documents/${id}/versions/${named.id}`, { name: "Sent to legal" });
  });

  test("a viewer lists, views and compares, but cannot name, rename, restore or delete (403)", async () => {
    expect((await vic.api.get(`/api/documents/${id}/versions/${named.id}`)).status).toBe(200);
    expect((await vic.api.get(`/api/documents/${id}/compare?from=${named.id}&to=current`)).status).toBe(200);
    expect((await vic.api.post(`/api/documents/${id}/versions`, { name: "Mine" })).status).toBe(403);
    expect((await vic.api.patch(`/api/documents/${id}/versions/${named.id}`, { name: "Mine" })).status).toBe(403);
    expect((await vic.api.post(`/api/documents/${id}/versions/${named.id}/restore`)).status).toBe(403);
    expect((await vic.api.delete(`/api/documents/${id}/versions/${named.id}`)).status).toBe(403);
    expect((await bob.api.delete(`/api/documents/${id}/versions/${named.id}`)).status).toBe(403); // owner only
    const list = await versions(id);
    expect(list).toHaveLength(1);
    expect(list[0].name).toBe("Sent to legal");
  });

  test("someone who is not a member gets 404 on every route", async () => {
    const paths: [string, string, unknown?][] = [
      ["GET", `/api/documents/${id}/versions`],
      ["POST", `/api/documents/${id}/versions`, { name: "x" }],
      ["GET", `/api/documents/${id}/versions/${named.id}`],
      ["PATCH", `/api/documents/${id}/versions/${named.id}`, { name: "x" }],
      ["DELETE", `/api/documents/${id}/versions/${named.id}`],
      ["POST", `/api/documents/${id}/versions/${named.id}/restore`, {}],
      ["POST", `/api/documents/${id}/versions/${named.id}/copy`, {}],
      ["GET", `/api/documents/${id}/compare?from=origin&to=current`],
    ];
    for (const [method, path, body] of paths) {
      const res = await out.api.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
  });

  test("bad input: a clear 4xx and nothing changes", async () => {
    const tooLong = await bob.api.post(`/api/documents/${id}/versions`, { name: "x".repeat(101) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toMatch(/name: must be at most 100 characters/);
    expect((await bob.api.post(`/api/documents/${id}/versions`, { name: "   " })).status).toBe(400);
    expect((await bob.api.post(`/api/documents/${id}/versions`, {})).status).toBe(400);
    expect((await bob.api.patch(`/api/documents/${id}/versions/${named.id}`, { name: 5 })).status).toBe(400);
    expect((await bob.api.get(`/api/documents/${id}/versions/no%20such`)).status).toBe(404);
    expect((await bob.api.get(`/api/documents/${id}/versions/${crypto.randomUUID()}`)).body.error.message).toBe("Version not found.");
    expect((await bob.api.post(`/api/documents/${id}/versions/${crypto.randomUUID()}/restore`)).status).toBe(404);
    expect((await ada.api.delete(`/api/documents/${id}/versions/${crypto.randomUUID()}`)).status).toBe(404);
    const badCompare = await bob.api.get(`/api/documents/${id}/compare?from=origin`);
    expect(badCompare.status).toBe(400);
    expect(badCompare.body.error.message).toMatch(/^to:/);
    expect((await bob.api.get(`/api/documents/${id}/compare?from=bad%20id&to=current`)).status).toBe(400);
    // A version of another document is not found through this one.
    const other = await newDocument("Other");
    expect((await ada.api.get(`/api/documents/${other}/versions/${named.id}`)).status).toBe(404);
    const list = await versions(id);
    expect(list).toHaveLength(1);
    expect(list[0].name).toBe("Sent to legal");
    expect(await textNow(id)).toBe("First draft.");
  });

  test("the owner deletes a version (204)", async () => {
    const doomed = Version.parse((await ada.api.post(`/api/documents/${id}/versions`, { name: "Doomed" })).body);
    expect((await ada.api.delete(`/api/documents/${id}/versions/${doomed.id}`)).status).toBe(204);
    expect((await versions(id)).map((v) => v.id)).not.toContain(doomed.id);
  });
});

describe("view, compare, restore, copy", () => {
  let id: string;
  let v1: Version;
  let v2: Version;
  beforeAll(async () => {
    id = await newDocument("Story");
    const a = await typeAs(ada, id, "Once upon a time.");
    closeSession(a);
    v1 = Version.parse((await ada.api.post(`/api/documents/${id}/versions`, { name: "Opening" })).body);
    const b = await typeAs(bob, id, "The end.");
    closeSession(b);
    v2 = Version.parse((await bob.api.post(`/api/documents/${id}/versions`, { name: "Ending" })).body);
  });

  test("a version's content is the Tiptap document as it was", async () => {
    const res = await vic.api.get(`/api/documents/${id}/versions/${v1.id}`);
    expect(res.status).toBe(200);
    const body = VersionContentResponse.parse(res.body);
    expect(body.version.id).toBe(v1.id);
    expect(body.content).toEqual({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Once upon a time." }] }] });
    expect(body.text).toBe("Once upon a time.");
    expect(body.html).toBe("<p>Once upon a time.</p>");
  });

  test("compare between two versions: Bob's addition, attributed to him and to when it was first kept", async () => {
    const res = await vic.api.get(`/api/documents/${id}/compare?from=${v1.id}&to=${v2.id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = CompareResponse.parse(res.body);
    const runs = body.blocks.map((b) => b.runs.map((r) => [r.change, r.text, r.authorId]));
    expect(runs).toEqual([[["same", "Once upon a time.", null]], [["added", "The end.", bob.id]]]);
    expect(body.blocks[1].runs[0].at).toBe(v2.createdAt);
    expect(body.authors).toEqual([{ id: bob.id, name: "Bob" }]);
  });

  test("who wrote what: from the origin to the current text, every run added with its author", async () => {
    const body = CompareResponse.parse((await vic.api.get(`/api/documents/${id}/compare?from=origin&to=current`)).body);
    const runs: CompareRun[] = body.blocks.flatMap((b) => b.runs);
    expect(runs.map((r) => [r.change, r.text, r.authorId])).toEqual([
      ["added", "Once upon a time.", ada.id],
      ["added", "The end.", bob.id],
    ]);
    expect(runs[0].at).toBe(v1.createdAt);
    expect(body.authors.map((a) => a.name).sort()).toEqual(["Ada", "Bob"]);
  });

  test("restore: a new change every open editor receives live, after a restore point of the state before", async () => {
    const watcher = openProvider(collabUrl, id, vic.token); // a viewer's open editor
    try {
      await synced(watcher);
      expect(documentText(watcher.doc)).toBe("Once upon a time.\nThe end.");
      const logRowsBefore = await server.services.db.documentUpdate.count({ where: { documentId: id } });
      const res = await bob.api.post(`/api/documents/${id}/versions/${v1.id}/restore`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const restorePoint = Version.parse(res.body.restorePoint);
      expect(restorePoint.kind).toBe("restore-point");
      await until(() => documentText(watcher.doc) === "Once upon a time.", 5_000, "restored text reaches the open editor");
      expect(await textNow(id)).toBe("Once upon a time.");
      // A new change in the log (nothing rewritten), and the restore point holds the text before.
      await collabOf(server.services)!.store.flush();
      expect(await server.services.db.documentUpdate.count({ where: { documentId: id } })).toBeGreaterThan(logRowsBefore);
      expect((await versions(id))[0].id).toBe(restorePoint.id);
      const before = VersionContentResponse.parse((await vic.api.get(`/api/documents/${id}/versions/${restorePoint.id}`)).body);
      expect(before.content.content).toHaveLength(2);
      // Undo: restore the restore point.
      expect((await bob.api.post(`/api/documents/${id}/versions/${restorePoint.id}/restore`)).status).toBe(200);
      await until(() => documentText(watcher.doc) === "Once upon a time.\nThe end.", 5_000, "undone restore reaches the open editor");
      // Text the restore brought back is attributed to whoever restored it only where it changed.
      const who = CompareResponse.parse((await vic.api.get(`/api/documents/${id}/compare?from=origin&to=current`)).body);
      expect(who.blocks[0].runs).toMatchObject([{ text: "Once upon a time.", authorId: ada.id }]);
    } finally {
      closeSession(watcher);
    }
  });

  test("copy a version into a new document the caller owns", async () => {
    const res = await vic.api.post(`/api/documents/${id}/versions/${v1.id}/copy`, { title: "Vic's copy" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const copy = ListedDocument.parse(res.body);
    expect(copy).toMatchObject({ title: "Vic's copy", role: "owner", ownerId: vic.id });
    expect(await textNow(copy.id)).toBe("Once upon a time.");
    const untitled = ListedDocument.parse((await vic.api.post(`/api/documents/${id}/versions/${v2.id}/copy`)).body);
    expect(untitled.title).toBe("Copy of Story");
    expect(await textNow(untitled.id)).toBe("Once upon a time.\nThe end.");
  });
});

describe("retention and the trash", () => {
  test("automatic versions older than the retention go; named ones stay, and later versions still rebuild", async () => {
    const id = await newDocument("Old");
    const collab = collabOf(server.services)!;
    await collab.edit(id, (doc) => paragraph(doc, "one"));
    await until(async () => (await versions(id)).length === 1, 5_000, "automatic version");
    const [auto] = await versions(id);
    const named = Version.parse((await ada.api.post(`/api/documents/${id}/versions`, { name: "Kept" })).body);
    await collab.edit(id, (doc) => paragraph(doc, "two"));
    await until(async () => (await versions(id)).length === 3, 5_000, "second automatic version");
    const [latest] = await versions(id);
    // Age the first automatic version and the named one past the retention.
    const old = new Date(Date.now() - 31 * 86_400_000);
    await server.services.db.documentVersion.update({ where: { id: auto.id }, data: { createdAt: old } });
    await server.services.db.documentVersion.update({ where: { id: named.id }, data: { createdAt: new Date(old.getTime() + 1) } });
    // Who-deleted-what rows: one older than every version left (never asked again), one just inside the
    // margin before the oldest kept version, one from now.
    const deletionAt = async (at: Date) =>
      (await server.services.db.documentDeletion.create({ data: { documentId: id, accountId: ada.id, createdAt: at, deleteSet: new Uint8Array([0, 0]) } })).id;
    const tooOld = await deletionAt(new Date(old.getTime() - 9 * 86_400_000));
    const inMargin = await deletionAt(new Date(old.getTime() - 60_000));
    const recent = await deletionAt(new Date());
    const pruned = await server.services.history.pruneExpired();
    expect(pruned.versions).toBeGreaterThanOrEqual(1);
    expect(pruned.deletions).toBe(1);
    expect((await versions(id)).map((v) => v.id)).toEqual([latest.id, named.id]);
    const left = await server.services.db.documentDeletion.findMany({ where: { documentId: id }, select: { id: true } });
    expect(left.map((r) => r.id).sort()).toEqual([inMargin, recent].sort());
    expect(left.map((r) => r.id)).not.toContain(tooOld);
    // The chain is whole: the named version still shows "one" (its diff took over the pruned one's).
    const kept = VersionContentResponse.parse((await ada.api.get(`/api/documents/${id}/versions/${named.id}`)).body);
    expect(kept.content.content).toEqual([{ type: "paragraph", content: [{ type: "text", text: "one" }] }]);
    // The contributors of the pruned version moved to the one after it.
    expect(kept.version.authors).toEqual([]); // edits as the server (collab.edit) have no account
  });

  test("a trashed document keeps its versions (404 meanwhile); purging it removes them", async () => {
    const id = await newDocument("Trashed");
    await collabOf(server.services)!.edit(id, (doc) => paragraph(doc, "Keep me."));
    await ada.api.post(`/api/documents/${id}/versions`, { name: "Before trash" });
    expect((await ada.api.delete(`/api/documents/${id}`)).status).toBe(204);
    const inTrash = await ada.api.get(`/api/documents/${id}/versions`);
    expect(inTrash.status).toBe(404);
    expect(inTrash.body.error.message).toMatch(/in the trash/);
    expect(await server.services.db.documentVersion.count({ where: { documentId: id } })).toBe(1);
    expect((await ada.api.post(`/api/trash/${id}/restore`)).status).toBe(200);
    expect((await versions(id)).map((v) => v.name)).toEqual(["Before trash"]);
    await ada.api.delete(`/api/documents/${id}`);
    expect((await ada.api.delete(`/api/trash/${id}`)).status).toBe(204);
    expect(await server.services.db.documentVersion.count({ where: { documentId: id } })).toBe(0);
    expect(await server.services.db.documentClient.count({ where: { documentId: id } })).toBe(0);
  });
});

test("storage: bytes per automatic version for a realistic document (logged)", async () => {
  const id = await newDocument("Measured");
  const s = openProvider(collabUrl, id, bob.token);
  await synced(s);
  const sentence = "The committee reviewed the proposal and asked for a revised budget by Friday. ";
  try {
    // 20 rounds of typing a paragraph word by word (one update per word, as keystroke batches arrive),
    // each followed by a pause: 20 versions of a document growing to ~1,600 words.
    for (let round = 0; round < 20; round++) {
      const p = new Y.XmlElement("paragraph");
      const text = new Y.XmlText();
      p.insert(0, [text]);
      s.doc.getXmlFragment(EDITOR_FIELD).push([p]);
      for (let k = 0; k < 6; k++) for (const word of sentence.split(" ")) text.insert(text.length, `${word} `);
      // ≥: on a loaded machine a round's updates may straddle a pause and make two versions.
      await until(async () => (await versions(id)).length >= round + 1, 5_000, `version ${round + 1}`);
    }
    const rows = await server.services.db.documentVersion.findMany({ where: { documentId: id }, select: { diff: true, snapshot: true } });
    const diffBytes = rows.reduce((n, r) => n + r.diff.byteLength, 0);
    const snapshotBytes = rows.reduce((n, r) => n + r.snapshot.byteLength, 0);
    const state = Y.encodeStateAsUpdate(s.doc).byteLength;
    console.log(
      `history storage: ${rows.length} versions, ${Math.round(diffBytes / rows.length)} B diff + ${Math.round(snapshotBytes / rows.length)} B snapshot per version; full state ${state} B (a full copy per version would be ~${Math.round(state / 2)} B on average)`,
    );
    expect(diffBytes).toBeLessThan(state * 2); // diffs add up to about one state, not one per version
  } finally {
    closeSession(s);
  }
});
