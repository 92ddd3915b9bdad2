// GET /api/search against the real server (SQLite, or PostgreSQL with TEST_POSTGRES_URL): ranking,
// snippets and highlights, who may see what (checked at query time), renames, deletes, the start-up
// catch-up and the validation of `q`.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { documentWith, indexed, marked, search } from "./helpers";
import { SearchService } from "../../server/search/searchService";
import { createSearchIndex } from "../../server/search/searchIndex";
import { collabTextSource } from "../../server/search/textSource";
import { collabOf } from "../../server/collab/collabChannel";
import { LocalEventBus } from "../../server/bus/bus";

let server: TestServer;
let owner: ApiClient;
let bob: ApiClient;
let bobUser: { id: string; email: string };
// Words no other test uses, so each test sees only its own documents.
const word = (stem: string) => `${stem}${Math.random().toString(36).slice(2, 7)}`;

beforeAll(async () => {
  server = await startTestServer();
  owner = new ApiClient(server.url);
  await owner.signup("Owner");
  bob = new ApiClient(server.url);
  bobUser = await bob.signup("Bob");
});
afterAll(async () => server?.stop());

describe("finding documents", () => {
  test("a title match ranks above a match in the text, and a document with more of the word above one with less", async () => {
    const w = word("roadmap");
    const inBodyOnce = await documentWith(server, owner, "Meeting notes", ["We talked about lunch.", `Someone mentioned the ${w} once.`, "Then we left."]);
    const inTitle = await documentWith(server, owner, `The ${w}`, ["Nothing else here."]);
    const inBodyOften = await documentWith(server, owner, "Planning", [`${w} ${w} ${w}: the ${w} is due.`]);
    const unrelated = await documentWith(server, owner, "Groceries", ["Milk, bread."]);
    await indexed(server);
    const ids = (await search(owner, w)).map((r) => r.id);
    expect(ids).toEqual([inTitle, inBodyOften, inBodyOnce]);
    expect(ids).not.toContain(unrelated);
  });

  test("the snippet is the text around the match, with the matching words highlighted (case, accents and prefixes folded)", async () => {
    const w = word("zebra");
    const filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(6);
    const id = await documentWith(server, owner, "Animals", [filler, `The Café ${w.toUpperCase()} closes at noon.`, filler]);
    await indexed(server);
    const [hit] = await search(owner, `cafe ${w.slice(0, 7)}`);
    expect(hit.id).toBe(id);
    expect(hit.title).toBe("Animals");
    expect(hit.snippet).toContain(`The Café ${w.toUpperCase()} closes`);
    expect(hit.snippet.startsWith("…")).toBe(true); // cut before, around the match
    expect(hit.snippet.length).toBeLessThan(200);
    expect(hit.snippet).not.toContain("\n");
    expect(marked(hit.snippet, hit.highlights)).toEqual(["Café", w.toUpperCase()]);
    expect(hit.titleHighlights).toEqual([]);
  });

  test("title highlights, and a document with no text yet is found by its title", async () => {
    const w = word("budget");
    const id = (await owner.post("/api/documents", { title: `Q3 ${w} review` })).body.id;
    await indexed(server);
    const [hit] = await search(owner, w);
    expect(hit).toMatchObject({ id, snippet: "", highlights: [] });
    expect(marked(hit.title, hit.titleHighlights)).toEqual([w]);
  });

  test("every word must match; words are matched as prefixes; punctuation alone finds nothing", async () => {
    const w = word("kiwi");
    const id = await documentWith(server, owner, "Fruit", [`${w} planning session`]);
    await indexed(server);
    expect((await search(owner, `${w} plan`)).map((r) => r.id)).toEqual([id]);
    expect(await search(owner, `${w} absentword`)).toEqual([]);
    expect(await search(owner, `"${w}" OR NOT *`)).toEqual([]); // no operator syntax leaks through: all must match
    expect((await search(owner, `"${w}" -`)).map((r) => r.id)).toEqual([id]);
    expect(await search(owner, "!!! ???")).toEqual([]);
  });

  test("a text with markup in it comes back as plain text", async () => {
    const w = word("xss");
    await documentWith(server, owner, "<img src=x onerror=alert(1)>", [`<script>alert("${w}")</script>`]);
    await indexed(server);
    const [hit] = await search(owner, w);
    expect(hit.title).toBe("<img src=x onerror=alert(1)>");
    expect(hit.snippet).toBe(`<script>alert("${w}")</script>`);
    expect(marked(hit.snippet, hit.highlights)).toEqual([w]);
  });
});

describe("who finds what", () => {
  test("members find a document, strangers never; a removed member no longer finds it", async () => {
    const w = word("secret");
    const id = await documentWith(server, owner, "Plans", [`The ${w} plan.`]);
    await indexed(server);
    expect(await search(bob, w)).toEqual([]);
    expect((await owner.post(`/api/documents/${id}/members`, { email: bobUser.email, role: "viewer" })).status).toBe(201);
    expect((await search(bob, w)).map((r) => r.id)).toEqual([id]);
    expect((await owner.delete(`/api/documents/${id}/members/${bobUser.id}`)).status).toBe(204);
    expect(await search(bob, w)).toEqual([]); // at once: access is checked by the query, not the index
    expect((await search(owner, w)).map((r) => r.id)).toEqual([id]);
  });

  test("renamed: found by the new title, not the old; deleted: found no more", async () => {
    const before = word("oldname");
    const after = word("newname");
    const id = await documentWith(server, owner, before, ["Some text."]);
    await indexed(server);
    expect((await search(owner, before)).map((r) => r.id)).toEqual([id]);
    expect((await owner.patch(`/api/documents/${id}`, { title: after })).status).toBe(200);
    await indexed(server);
    expect(await search(owner, before)).toEqual([]);
    expect((await search(owner, after))[0]).toMatchObject({ id, title: after });
    expect((await owner.delete(`/api/documents/${id}`)).status).toBe(204);
    await indexed(server);
    expect(await search(owner, after)).toEqual([]);
  });

  test("an access token with documents:read may search; without a credential it is 401", async () => {
    const w = word("tokened");
    const id = await documentWith(server, owner, w, []);
    await indexed(server);
    const created = await owner.post("/api/tokens", { name: "search bot", scopes: ["documents:read"] });
    expect(created.status).toBe(201);
    const bot = new ApiClient(server.url, { authorization: `Bearer ${created.body.token.token}` });
    expect((await search(bot, w)).map((r) => r.id)).toEqual([id]);
    expect((await new ApiClient(server.url).get(`/api/search?q=${w}`)).status).toBe(401);
  });
});

describe("q is validated", () => {
  test.each([
    ["/api/search", "q: add ?q= with the words to search for"],
    ["/api/search?q=", "q: type a word to search for"],
    ["/api/search?q=%20%20%20", "q: type a word to search for"],
    [`/api/search?q=${"x".repeat(201)}`, "q: must be at most 200 characters"],
    ["/api/search?q=%ED%A0%80", null], // not UTF-8: decoded as U+FFFD, a plain (non-matching) word
  ])("%s", async (path, message) => {
    const res = await owner.get(path);
    if (message === null) {
      expect(res.status).toBe(200);
      return;
    }
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "invalid_input", field: "q", message });
  });

  test("200 characters, surrounded by spaces, are fine", async () => {
    expect((await owner.get(`/api/search?q=%20${"y".repeat(200)}%20`)).status).toBe(200);
  });
});

test("at start, documents changed since they were last indexed are read again", async () => {
  const w = word("catchup");
  const id = await documentWith(server, owner, "Catch up", [`${w} text`]);
  await indexed(server);
  const index = createSearchIndex(server.services.db, server.services.config.databaseKind);
  await index.remove(id); // as if the server had stopped before indexing it
  expect(await search(owner, w)).toEqual([]);
  const restarted = new SearchService({
    db: server.services.db,
    bus: new LocalEventBus(),
    log: server.services.log,
    index,
    text: collabTextSource(() => collabOf(server.services)),
  });
  restarted.start();
  await restarted.caughtUp();
  await restarted.close();
  expect((await search(owner, w)).map((r) => r.id)).toEqual([id]);
  expect(restarted.stats().caughtUp).toBeGreaterThanOrEqual(1);
});
