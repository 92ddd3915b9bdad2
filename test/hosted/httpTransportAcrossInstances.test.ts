// The hosted mode with the HTTP transport: an HTTP-transport client on one instance and a stock
// y-websocket client on the other co-edit through the room relay (Redis); a POST that reaches the
// instance that does not hold its session gets 409 session_unknown (the client then reopens the stream).
import { afterAll, expect, test } from "vitest";
import * as Y from "yjs";
import { encodeFrames, framesPath, streamPath } from "../../lib/collab/httpFrames";
import { documentText } from "../../server/collab/documentText";
import { syncStep1Message } from "../../server/collab/messages";
import { ApiClient } from "../helpers/server";
import { appendParagraph } from "../collab/fakes";
import { FetchEventSource, openHttpProvider } from "../collab/httpClients";
import { closeSession, openProvider, synced, until, type Session } from "../collab/wsClients";
import { twoInstances } from "./twoInstances";

const cluster = twoInstances("h");
const sessions: Session[] = [];
const sources: FetchEventSource[] = [];

// Closed before the cluster's own afterAll stops the servers (hooks run in reverse order).
afterAll(() => {
  for (const s of sessions) closeSession(s);
  for (const s of sources) s.close();
});

test("HTTP transport on one instance, WebSocket on the other: they converge; a POST elsewhere is 409", { timeout: 120_000 }, async (ctx) => {
  if (!cluster.available) return ctx.skip();
  const { one, two } = cluster;
  const ana = new ApiClient(one.url);
  await ana.signup("Ana");
  const ben = new ApiClient(two.url);
  const benUser = await ben.signup("Ben");
  const doc = (await ana.post("/api/documents", { title: "Across over HTTP" })).body;
  await ana.post(`/api/documents/${doc.id}/members`, { email: benUser.email, role: "editor" });
  const anaToken = (await ana.post("/api/tokens", { name: "hosted" })).body.token.token;
  const benToken = (await ben.post("/api/tokens", { name: "hosted" })).body.token.token;

  const overHttp = openHttpProvider(one.url.replace(/^http/, "ws") + "/collab", doc.id, anaToken);
  const overWs = openProvider(two.url.replace(/^http/, "ws") + "/collab", doc.id, benToken);
  sessions.push(overHttp, overWs);
  await Promise.all([synced(overHttp), synced(overWs)]);
  for (let i = 0; i < 10; i++) {
    appendParagraph(overHttp.doc, `http ${i}`);
    appendParagraph(overWs.doc, `ws ${i}`);
  }
  await until(() => documentText(overHttp.doc).split("\n").length === 20 && documentText(overWs.doc).split("\n").length === 20, 20_000);
  expect(documentText(overHttp.doc)).toBe(documentText(overWs.doc));

  // A session opened on instance one, posted to instance two.
  const source = new FetchEventSource(`${one.url}${streamPath(doc.id)}?token=${anaToken}`);
  sources.push(source);
  let session = "";
  source.addEventListener("session", (e) => {
    session = JSON.parse(String(e.data)).id;
  });
  await until(() => session !== "");
  const elsewhere = await fetch(`${two.url}${framesPath(doc.id)}?session=${session}&token=${anaToken}`, {
    method: "POST",
    headers: { "Content-Type": "application/octet-stream" },
    body: encodeFrames([syncStep1Message(new Y.Doc())]) as Uint8Array<ArrayBuffer>,
  });
  expect(elsewhere.status).toBe(409);
  expect((await elsewhere.json()).error.code).toBe("session_unknown");
});
