// The index follows live editing: text typed over a collaboration socket (the stock y-websocket
// provider) is found within a few seconds while the room stays open, and keeps being found under
// continuous typing (the debounce has a ceiling, it does not wait for the typing to stop).
import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { closeSession, openProvider, synced, until } from "../collab/wsClients";
import { collabOf } from "../../server/collab/collabChannel";
import { DEFAULT_SEARCH_TIMING } from "../../server/search/searchService";
import { appendParagraph, search } from "./helpers";

let server: TestServer;
let owner: ApiClient;
let token: string;
let collabUrl: string;

beforeAll(async () => {
  server = await startTestServer();
  owner = new ApiClient(server.url);
  await owner.signup("Typist");
  token = (await owner.post("/api/tokens", { name: "typist" })).body.token.token;
  collabUrl = server.url.replace(/^http/, "ws") + "/collab";
});
afterAll(async () => server?.stop());

const found = async (word: string, id: string) => (await search(owner, word)).some((r) => r.id === id);

test("a word typed over the collab socket is found within a few seconds, the room still open", async () => {
  const id = (await owner.post("/api/documents", { title: "Live" })).body.id as string;
  const typist = openProvider(collabUrl, id, token);
  try {
    await synced(typist);
    const word = `walrus${Date.now().toString(36)}`;
    const typedAt = Date.now();
    appendParagraph(typist.doc, `The ${word} sat on the ice.`);
    await until(() => found(word, id), 6_000, "typed word found");
    const latency = Date.now() - typedAt;
    console.log(`typed → found: ${latency} ms`);
    expect(latency).toBeLessThan(DEFAULT_SEARCH_TIMING.quietMs + 2_000);
    expect(collabOf(server.services)!.manager.isOpen(id)).toBe(true); // found without the room unloading
    expect(typist.provider.wsconnected).toBe(true);
  } finally {
    closeSession(typist);
  }
});

test("under continuous typing, what was typed is found before the typing stops", async () => {
  const id = (await owner.post("/api/documents", { title: "Continuous" })).body.id as string;
  const typist = openProvider(collabUrl, id, token);
  try {
    await synced(typist);
    const first = `narwhal${Date.now().toString(36)}`;
    appendParagraph(typist.doc, first);
    const typedAt = Date.now();
    // A keystroke every 100 ms, never quiet for the debounce's quiet period, until the word is found
    // (`until` fails the test if that takes longer than the debounce's ceiling allows).
    const keys = setInterval(() => appendParagraph(typist.doc, "x"), 100);
    try {
      await until(() => found(first, id), DEFAULT_SEARCH_TIMING.maxWaitMs + 3_000, "word found while typing");
      console.log(`found while typing after ${Date.now() - typedAt} ms`);
    } finally {
      clearInterval(keys);
    }
  } finally {
    closeSession(typist);
  }
});

test("a viewer's typing is dropped by the server and never indexed", async () => {
  const id = (await owner.post("/api/documents", { title: "Read only" })).body.id as string;
  const viewer = new ApiClient(server.url);
  const viewerUser = await viewer.signup("Viewer");
  await owner.post(`/api/documents/${id}/members`, { email: viewerUser.email, role: "viewer" });
  const viewerToken = (await viewer.post("/api/tokens", { name: "viewer" })).body.token.token;
  const session = openProvider(collabUrl, id, viewerToken);
  try {
    await synced(session);
    const word = `forbidden${Date.now().toString(36)}`;
    appendParagraph(session.doc, word);
    await new Promise((r) => setTimeout(r, DEFAULT_SEARCH_TIMING.quietMs + 1_000));
    expect(await found(word, id)).toBe(false);
  } finally {
    closeSession(session);
  }
});
