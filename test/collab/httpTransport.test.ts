// The HTTP transport (SSE down, POST up) against the real server: a stock y-websocket client and one
// over HttpSocket co-edit and converge; viewers' updates are dropped; revocation ends the stream with
// the WebSocket's close code; bad bodies are refused with state unchanged; a session is its caller's.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import { CloseCode } from "../../lib/collab/closeCodes";
import { decodeFrames, encodeFrames, fromBase64, streamPath, framesPath, type StreamClose } from "../../lib/collab/httpFrames";
import { collabOf } from "../../server/collab/collabChannel";
import { MessageType, syncStep1Message, syncUpdateMessage } from "../../server/collab/messages";
import { documentText } from "../../server/collab/documentText";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { appendParagraph } from "./fakes";
import { sharedDocument, signUpWithToken, tokenAccount } from "./tokenAccounts";
import { closeSession, openProvider, synced, until, type Session } from "./wsClients";
import { FetchEventSource, openHttpProvider } from "./httpClients";

let server: TestServer;
let collabUrl: string;
const owner = tokenAccount();
const editor = tokenAccount();
const viewer = tokenAccount();
const sessions: Session[] = [];
const sources: FetchEventSource[] = [];

const newDocument = () => sharedDocument("HTTP transport", owner, editor, viewer);

/** A raw stream: its session id, every frame that came down, and the close it ended with. */
function rawStream(documentId: string, token: string, query = "") {
  const source = new FetchEventSource(`${server.url}${streamPath(documentId)}?token=${token}${query}`);
  sources.push(source);
  const frames: Uint8Array[] = [];
  const sessionIds: string[] = [];
  let close: StreamClose | null = null;
  source.addEventListener("session", (e) => sessionIds.push(JSON.parse(String(e.data)).id));
  source.addEventListener("message", (e) => frames.push(fromBase64(String(e.data))));
  source.addEventListener("close", (e) => {
    close = JSON.parse(String(e.data));
    source.close();
  });
  return {
    source,
    frames,
    sessionIds,
    closed: () => close as StreamClose | null,
    session: async () => {
      await until(() => sessionIds.length > 0, 10_000, "session event");
      return sessionIds[0];
    },
  };
}

function post(documentId: string, session: string, token: string, body: Uint8Array, contentType = "application/octet-stream") {
  return fetch(`${server.url}${framesPath(documentId)}?session=${session}&token=${token}`, {
    method: "POST",
    headers: { "Content-Type": contentType },
    body: body as Uint8Array<ArrayBuffer>,
  });
}

const serverText = (id: string) => collabOf(server.services)!.readText(id);
const isStep2 = (m: Uint8Array) => {
  const d = decoding.createDecoder(m);
  return decoding.readVarUint(d) === MessageType.Sync && decoding.readVarUint(d) === 1;
};

beforeAll(async () => {
  server = await startTestServer();
  collabUrl = server.url.replace(/^http/, "ws") + "/collab";
  await signUpWithToken(server.url, "Owner", owner);
  await signUpWithToken(server.url, "Editor", editor);
  await signUpWithToken(server.url, "Viewer", viewer);
});

afterAll(async () => {
  sessions.forEach(closeSession);
  for (const s of sources) s.close();
  await server?.stop();
});

test("a stock y-websocket client and an HTTP-transport client co-edit and converge", async () => {
  const id = await newDocument();
  const ws = openProvider(collabUrl, id, owner.token);
  const http = openHttpProvider(collabUrl, id, editor.token);
  sessions.push(ws, http);
  await Promise.all([synced(ws), synced(http)]);
  for (let i = 0; i < 20; i++) {
    appendParagraph(ws.doc, `websocket ${i}`);
    appendParagraph(http.doc, `http ${i}`);
  }
  await until(() => documentText(ws.doc).split("\n").length === 40 && documentText(http.doc).split("\n").length === 40);
  expect(documentText(http.doc)).toBe(documentText(ws.doc));
  expect(Y.encodeStateVector(http.doc)).toEqual(Y.encodeStateVector(ws.doc));
  expect(await serverText(id)).toBe(documentText(ws.doc));
  // Both are peers of the same room.
  expect(collabOf(server.services)!.manager.stats().peers).toBeGreaterThanOrEqual(2);
  // Awareness crosses transports, with the identity stamped from the account, not the client's claim.
  http.provider.awareness.setLocalStateField("user", { name: "Someone else", color: "#123456" });
  await until(() => [...ws.provider.awareness.getStates().values()].some((s) => s.user?.color === "#123456"));
  const seen = [...ws.provider.awareness.getStates().values()].find((s) => s.user?.color === "#123456");
  expect(seen?.user).toMatchObject({ name: "Editor", id: editor.id });
});

test("a POST's replies come back in its response: sync step 1 is answered with step 2", async () => {
  const id = await newDocument();
  const stream = rawStream(id, editor.token);
  const session = await stream.session();
  // Joined (the room's own step 1 came down): until then frames wait and their replies come down the stream.
  await until(() => stream.frames.length > 0);
  const res = await post(id, session, editor.token, encodeFrames([syncStep1Message(new Y.Doc())]));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/octet-stream");
  expect(decodeFrames(new Uint8Array(await res.arrayBuffer())).some(isStep2)).toBe(true);
  // Nothing to answer: 204.
  expect((await post(id, session, editor.token, encodeFrames([syncUpdateMessage(Y.encodeStateAsUpdate(new Y.Doc()))]))).status).toBe(204);
});

test("a viewer's update frames over HTTP change nothing", async () => {
  const id = await newDocument();
  const a = openProvider(collabUrl, id, owner.token);
  sessions.push(a);
  await synced(a);
  appendParagraph(a.doc, "written by the owner");
  await until(async () => (await serverText(id)) === "written by the owner");
  const dropped = collabOf(server.services)!.stats().droppedReadOnlyUpdates;
  const stream = rawStream(id, viewer.token);
  const session = await stream.session();
  await until(() => stream.frames.length > 0);
  const vandal = new Y.Doc();
  appendParagraph(vandal, "vandalism");
  const res = await post(id, session, viewer.token, encodeFrames([syncUpdateMessage(Y.encodeStateAsUpdate(vandal)), syncStep1Message(new Y.Doc())]));
  expect(res.status).toBe(200); // the step 1 was answered, so the update before it was handled (and dropped)
  expect(await serverText(id)).toBe("written by the owner");
  expect(collabOf(server.services)!.stats().droppedReadOnlyUpdates).toBe(dropped + 1);
  expect(documentText(a.doc)).toBe("written by the owner");
});

test("removing the member ends the stream at once with 4403, and its session is gone", async () => {
  const id = await newDocument();
  const stream = rawStream(id, editor.token);
  const session = await stream.session();
  expect((await editor.api.get(`/api/documents/${id}`)).status).toBe(200);
  expect((await owner.api.delete(`/api/documents/${id}/members/${editor.id}`)).status).toBe(204);
  await until(() => stream.closed() !== null, 5_000, "close event");
  expect(stream.closed()!.code).toBe(CloseCode.Forbidden);
  const res = await post(id, session, editor.token, encodeFrames([syncStep1Message(new Y.Doc())]));
  expect(res.status).toBe(409);
  expect((await res.json()).error.code).toBe("session_unknown");
});

test("an HTTP-transport provider is told the close code, as over WebSocket", async () => {
  const id = await newDocument();
  const http = openHttpProvider(collabUrl, id, editor.token);
  sessions.push(http);
  await synced(http);
  expect((await owner.api.delete(`/api/documents/${id}/members/${editor.id}`)).status).toBe(204);
  await until(() => http.closes.some((c) => c.code === CloseCode.Forbidden), 5_000, "4403 close");
  // 4403 is final: y-websocket stops reconnecting.
  expect(http.provider.shouldConnect).toBe(false);
});

describe("refusals", () => {
  test("bad frames are refused with 400 and a clear message, and change nothing", async () => {
    const id = await newDocument();
    const stream = rawStream(id, editor.token);
    const session = await stream.session();
    await until(() => stream.frames.length > 0);
    const update = new Y.Doc();
    appendParagraph(update, "never applied");
    const good = encodeFrames([syncUpdateMessage(Y.encodeStateAsUpdate(update))]);
    // Whole frames followed by a cut-off one: none of them is applied.
    const cut = new Uint8Array([...good, 0x20, 1, 2, 3]);
    const res = await post(id, session, editor.token, cut);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/cut off|longer than the body/);
    expect(await serverText(id)).toBe("");
    expect((await post(id, session, editor.token, new Uint8Array(0))).status).toBe(400);
    expect((await post(id, session, editor.token, good, "text/plain")).status).toBe(415);
    const noSession = await fetch(`${server.url}${framesPath(id)}?token=${editor.token}`, {
      method: "POST",
      headers: { "Content-Type": "application/octet-stream" },
      body: good as Uint8Array<ArrayBuffer>,
    });
    expect(noSession.status).toBe(400);
    // The session still works.
    expect(stream.closed()).toBeNull();
    expect((await post(id, session, editor.token, good)).status).toBe(204);
    await until(async () => (await serverText(id)) === "never applied");
  });

  test("a body over the frame limit is refused with 413", async () => {
    const id = await newDocument();
    const stream = rawStream(id, editor.token);
    const session = await stream.session();
    const res = await post(id, session, editor.token, encodeFrames([new Uint8Array(1024 * 1024 + 16)]));
    expect(res.status).toBe(413);
    expect(await serverText(id)).toBe("");
  });

  test("a session of another user is refused with 403, an unknown one with 409", async () => {
    const id = await newDocument();
    const stream = rawStream(id, editor.token);
    const session = await stream.session();
    const frames = encodeFrames([syncStep1Message(new Y.Doc())]);
    expect((await post(id, session, owner.token, frames)).status).toBe(403);
    expect((await post(id, session, "tdm_nope", frames)).status).toBe(403);
    const unknown = await post(id, "AAAAAAAAAAAAAAAAAAAAAAAA", editor.token, frames);
    expect(unknown.status).toBe(409);
    expect((await unknown.json()).error.code).toBe("session_unknown");
  });

  test("no credentials end the stream with 4401; a non-member with 4403", async () => {
    const id = await newDocument();
    const anonymous = rawStream(id, "");
    await until(() => anonymous.closed() !== null);
    expect(anonymous.closed()!.code).toBe(CloseCode.Unauthorized);
    const other = new ApiClient(server.url);
    const outsider = tokenAccount();
    Object.assign(outsider, { api: other });
    outsider.id = (await other.signup("Outsider")).id;
    outsider.token = (await other.post("/api/tokens", { name: "t" })).body.token.token;
    const stranger = rawStream(id, outsider.token);
    await until(() => stranger.closed() !== null);
    expect(stranger.closed()!.code).toBe(CloseCode.Forbidden);
  });
});

test("a stream that drops resumes with Last-Event-ID: the same session, and what it missed, no fresh sync", async () => {
  const id = await newDocument();
  const a = openProvider(collabUrl, id, owner.token);
  sessions.push(a);
  await synced(a);
  const stream = rawStream(id, editor.token);
  const session = await stream.session();
  await until(() => stream.frames.length > 0);
  const step1s = () => stream.frames.filter((m) => m[0] === MessageType.Sync && m[1] === 0).length;
  const before = step1s();
  stream.source.drop();
  appendParagraph(a.doc, "written while the stream was away");
  await until(() => stream.sessionIds.length >= 2, 5_000, "resumed session event");
  expect(stream.sessionIds).toEqual([session, session]);
  // The update made meanwhile came down the resumed stream; the server did not start over.
  await until(() => stream.frames.some((m) => m[0] === MessageType.Sync && m[1] === 2));
  expect(step1s()).toBe(before);
  expect(stream.closed()).toBeNull();
});

test("durable acknowledgements come down the stream for ?ack=1", async () => {
  const id = await newDocument();
  const stream = rawStream(id, editor.token, "&ack=1");
  const session = await stream.session();
  const update = new Y.Doc();
  appendParagraph(update, "acknowledged");
  expect((await post(id, session, editor.token, encodeFrames([syncUpdateMessage(Y.encodeStateAsUpdate(update))]))).status).toBe(204);
  await until(() => stream.frames.some((m) => m[0] === MessageType.DurableAck), 5_000, "durable ack");
});

test("a provider over HTTP with ?ack=1 is told every write frame it sent is stored", async () => {
  const id = await newDocument();
  const http = openHttpProvider(collabUrl, id, editor.token, { ack: "1" });
  sessions.push(http);
  let acked = 0;
  http.provider.messageHandlers[MessageType.DurableAck] = (_encoder, decoder) => {
    acked = decoding.readVarUint(decoder);
  };
  await synced(http);
  for (let i = 0; i < 5; i++) appendParagraph(http.doc, `acknowledged ${i}`);
  // Step 2 and five updates: six write frames, all stored.
  await until(() => acked >= 6, 5_000, `acknowledgement of 6 frames (got ${acked})`);
});
