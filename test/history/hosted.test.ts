// Version history in the hosted mode: two instances on one PostgreSQL and one Redis, an editor on
// each. A pause after both typed makes one automatic version, not one per instance; a version named on
// one instance is listed on the other; a restore asked of one reaches an editor open on the other live.
import { afterAll, beforeAll, expect, test } from "vitest";
import * as Y from "yjs";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { startBackingServices, type RedisProcess } from "../hosted/redisProcess";
import { closeSession, openProvider, synced, until } from "../collab/wsClients";
import { documentText, EDITOR_FIELD } from "../../server/collab/documentText";
import { Version, VersionListResponse } from "../../lib/contracts/history";

const PAUSE_MS = 300;
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
  const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, REDIS_PREFIX: `history${Date.now()}:`, HISTORY_PAUSE_MS: String(PAUSE_MS) };
  one = await startTestServer(env);
  two = await startTestServer(env);
}, 120_000);
afterAll(async () => {
  await one?.stop();
  await two?.stop();
  await database?.drop();
  await redis?.stop();
});

function paragraph(doc: Y.Doc, text: string): void {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(EDITOR_FIELD).push([p]);
}

async function person(server: TestServer, name: string) {
  const api = new ApiClient(server.url);
  const user = await api.signup(name);
  const token = (await api.post("/api/tokens", { name: "hosted history" })).body.token.token as string;
  return { api, user, token };
}

test("one automatic version per pause across instances; named and restored on one, seen on the other", { timeout: 60_000 }, async (ctx) => {
  if (!available) return ctx.skip();
  const ada = await person(one, "Ada");
  const bob = await person(two, "Bob");
  const id = (await ada.api.post("/api/documents", { title: "Hosted history" })).body.id as string;
  expect((await ada.api.post(`/api/documents/${id}/members`, { email: bob.user.email, role: "editor" })).status).toBe(201);
  const list = async (api: ApiClient) => VersionListResponse.parse((await api.get(`/api/documents/${id}/versions`)).body).versions;

  const a = openProvider(`${one.url.replace(/^http/, "ws")}/collab`, id, ada.token);
  const b = openProvider(`${two.url.replace(/^http/, "ws")}/collab`, id, bob.token);
  try {
    await Promise.all([synced(a), synced(b)]);
    paragraph(a.doc, "From instance one.");
    paragraph(b.doc, "From instance two.");
    await until(() => documentText(a.doc).split("\n").length === 2 && documentText(b.doc).split("\n").length === 2, 5_000, "both edits on both sides");
    await until(async () => (await list(ada.api)).length >= 1, 5_000, "an automatic version");
    await new Promise((r) => setTimeout(r, PAUSE_MS * 5)); // both instances' debouncers have fired by now
    const autos = await list(bob.api);
    expect(autos).toHaveLength(1);
    expect(autos[0].authors.map((c) => c.name).sort()).toEqual(["Ada", "Bob"]);

    // Named on instance one, listed on instance two.
    const named = Version.parse((await ada.api.post(`/api/documents/${id}/versions`, { name: "Both lines" })).body);
    expect((await list(bob.api))[0]).toEqual(named);

    // More text, then a restore asked of instance two reaches Ada's editor on instance one.
    paragraph(a.doc, "A third line.");
    await until(() => documentText(b.doc).endsWith("A third line."), 5_000, "third line on instance two");
    const restored = await bob.api.post(`/api/documents/${id}/versions/${named.id}/restore`);
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    await until(() => !documentText(a.doc).includes("A third line."), 5_000, "the restore reaches instance one");
    expect(documentText(a.doc).split("\n").sort()).toEqual(["From instance one.", "From instance two."]);
    expect((await list(ada.api)).map((v) => v.kind)).toContain("restore-point");
  } finally {
    closeSession(a);
    closeSession(b);
  }
});
