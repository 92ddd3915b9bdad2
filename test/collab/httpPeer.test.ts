// The Room with an HttpPeer, over a real HTTP response read by a real client: frames come down as SSE
// events with ids, a POST's replies are collected instead of streamed, a dropped stream resumes from
// the ring, one that fell too far behind cannot, and a close names its code before the stream ends.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import * as Y from "yjs";
import { Room } from "../../server/collab/Room";
import { HttpPeer, RING_FRAMES } from "../../server/collab/HttpPeer";
import { syncStep1Message, syncUpdateMessage } from "../../server/collab/messages";
import { SSE_HEADERS } from "../../server/events/sseConnection";
import { FakeClient, appendParagraph } from "./fakes";
import { FetchEventSource } from "./httpClients";
import { until } from "./wsClients";

let server: http.Server;
let base: string;
let room: Room;
let peer: HttpPeer | null = null;
let ended = 0;

beforeAll(async () => {
  room = new Room("doc-1", [], { onUpdate: () => {}, onEmpty: () => {} }, { maxFrameBytes: 1024 * 1024, maxDocumentBytes: 16 * 1024 * 1024 });
  // One stream route: the first request makes the peer and joins it; a request with Last-Event-ID resumes it.
  server = http.createServer((req, res) => {
    res.writeHead(200, SSE_HEADERS);
    const last = req.headers["last-event-id"] as string | undefined;
    if (last && peer) {
      const seq = Number(last.split(".")[1]);
      if (peer.resume(res, seq)) return void res.on("close", () => peer?.detach(res));
      return res.end('event: close\ndata: {"code":1013,"reason":"too old"}\n\n');
    }
    const p = new HttpPeer("session-0001", "alice", "Alice", true, false, "cred-a", "doc-1", res, {
      graceMs: 5_000,
      onEnded: () => {
        ended++;
        room.leave(p);
      },
    });
    peer = p;
    room.join(p);
    res.on("close", () => p.detach(res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  peer?.close(1001, "done");
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function listen() {
  const source = new FetchEventSource(`${base}/stream`);
  const events: Array<{ event: string; data: string }> = [];
  for (const event of ["session", "message", "close"]) source.addEventListener(event, (e) => events.push({ event, data: String(e.data) }));
  return { source, events };
}

test("the room's frames reach the HTTP peer as events; replies to its own frames are collected, not streamed", async () => {
  const { source, events } = listen();
  await until(() => events.some((e) => e.event === "session") && events.some((e) => e.event === "message"));
  expect(JSON.parse(events[0].data)).toEqual({ id: "session-0001" });
  const streamed = events.length;
  // Its sync step 1 is answered with step 2, handed back to the caller (the POST's response).
  const replies = peer!.collectReplies(() => room.handleMessage(peer!, syncStep1Message(new Y.Doc())));
  expect(replies.length).toBe(1);
  expect(replies[0][1]).toBe(1); // sync step 2
  expect(events.length).toBe(streamed);
  // Another peer's edit comes down the stream.
  const other = new FakeClient(room, "bob").connect();
  appendParagraph(other.doc, "from bob");
  await until(() => events.length > streamed);
  source.close();
});

test("a dropped stream resumes with what it missed; one too far behind is refused; close names its code", async () => {
  const { source, events } = listen();
  await until(() => events.filter((e) => e.event === "session").length === 1);
  const other = new FakeClient(room, "bob").connect();
  source.drop();
  appendParagraph(other.doc, "missed while away");
  await until(() => events.filter((e) => e.event === "session").length === 2, 5_000, "resume");
  // The edit made while the stream was away came down the resumed stream (a sync update, type 0/2).
  await until(() => events.some((e) => e.event === "message" && Buffer.from(e.data, "base64")[1] === 2));
  expect(events.filter((e) => e.event === "session").map((e) => JSON.parse(e.data).id)).toEqual(["session-0001", "session-0001"]);
  expect(ended).toBe(0);
  source.close();
  // Far behind: more frames than the ring keeps were sent meanwhile.
  const late = new FetchEventSource(`${base}/stream`, { "Last-Event-ID": "session-0001.1" });
  const closes: string[] = [];
  late.addEventListener("close", (e) => {
    closes.push(String(e.data));
    late.close();
  });
  for (let i = 0; i < RING_FRAMES + 5; i++) peer!.send(syncUpdateMessage(Y.encodeStateAsUpdate(new Y.Doc())));
  await until(() => closes.length === 1);
  expect(JSON.parse(closes[0]).code).toBe(1013);
  // Closing the peer ends it once, and it leaves the room.
  const closing = peer!;
  closing.close(4403, "removed");
  closing.close(4403, "removed");
  expect(ended).toBe(1);
  expect(room.peersOf("alice")).not.toContain(closing);
});
