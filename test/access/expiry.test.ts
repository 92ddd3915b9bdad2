// A session that simply expires ends every live connection opened with it, at the moment it expires:
// the collab socket closes with 4401, socket.io disconnects, the event stream ends (and reconnects as
// a signed-out visitor). Nothing a connection sends after expiry is applied. The session's expiry is
// shortened through its database row before the connections open, as a short TTL would set it.
import * as Y from "yjs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { CloseCode } from "../../lib/collab/closeCodes";
import { openRaw, until } from "../collab/wsClients";
import { appendParagraph } from "../collab/fakes";
import { syncUpdateMessage } from "../../server/collab/messages";
import { collabOf } from "../../server/collab/collabChannel";
import { SseReader } from "../events/helpers";
import { connected, openSocket, type ClientSocket } from "../realtime/helpers";

/** How late after expiry a connection may end (the timer fires at the expiry itself). */
const WITHIN_MS = 1_000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Signs someone up, gives them a document, and makes their session expire `ttlMs` from now. */
async function personWithShortSession(name: string, ttlMs: number) {
  const api = new ApiClient(server.url, { origin: server.url });
  const user = await api.signup(name);
  const documentId: string = (await api.post("/api/documents", { title: `${name}'s notes` })).body.id;
  const expiresAt = new Date(Date.now() + ttlMs);
  const { count } = await server.services.db.session.updateMany({ where: { userId: user.id }, data: { expiresAt } });
  expect(count).toBe(1);
  return { api, user, documentId, expiresAt: expiresAt.getTime() };
}

const collabUrl = (documentId: string) => `${server.url.replace(/^http/, "ws")}/collab/${documentId}`;

function disconnectedAt(socket: ClientSocket) {
  return new Promise<{ reason: string; at: number }>((resolve) => socket.once("disconnect", (reason) => resolve({ reason, at: Date.now() })));
}

test("an expiring session ends its collab socket (4401), socket.io and event stream at the moment of expiry", async () => {
  const ana = await personWithShortSession("Ana", 2_500);
  const collab = openRaw(collabUrl(ana.documentId), { cookie: ana.api.cookie, origin: server.url });
  await collab.opened;
  const collabClosed = collab.closed.then((c) => ({ ...c, at: Date.now() }));
  const socket = await connected(openSocket(server.url, { transport: "websocket", cookie: ana.api.cookie }));
  const socketGone = disconnectedAt(socket);
  const stream = await SseReader.open(`${server.url}/api/events`, { cookie: ana.api.cookie });
  await stream.waitFor(() => stream.named("version")[0], 5_000, "the stream's greeting");
  expect(stream.named("version")[0].data.viewer).not.toBe("anonymous");
  expect(Date.now()).toBeLessThan(ana.expiresAt); // everything was open before expiry

  const closed = await collabClosed;
  expect(closed.code).toBe(CloseCode.Unauthorized);
  expect(closed.at).toBeGreaterThanOrEqual(ana.expiresAt);
  expect(closed.at - ana.expiresAt).toBeLessThan(WITHIN_MS);

  const gone = await socketGone;
  expect(gone.reason).toBe("io server disconnect");
  expect(gone.at - ana.expiresAt).toBeLessThan(WITHIN_MS);

  await stream.waitFor(() => stream.closed, WITHIN_MS, "the stream to end");
  expect(stream.frames.at(-1)?.retry).toBeGreaterThan(0); // told to come back soon
  // Coming back with the same (expired) cookie, the browser is a signed-out visitor.
  const again = await SseReader.open(`${server.url}/api/events`, { cookie: ana.api.cookie });
  await again.waitFor(() => again.named("version")[0], 5_000, "the new stream's greeting");
  expect(again.named("version")[0].data.viewer).toBe("anonymous");
  again.close();
});

test("an update that reaches the server after the session expired is never applied", async () => {
  const bo = await personWithShortSession("Bo", 1_500);
  const collab = openRaw(collabUrl(bo.documentId), { cookie: bo.api.cookie, origin: server.url });
  await collab.opened;
  await until(() => collab.messages.length > 0, 5_000, "the server's sync step 1 (the room is ready)");

  const doc = new Y.Doc();
  doc.on("update", (update: Uint8Array) => collab.ws.send(syncUpdateMessage(update)));
  for (let i = 0; Date.now() < bo.expiresAt - 200; i++) {
    appendParagraph(doc, `before-${i}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  // Block this process (the server's too) until just past expiry, then send before the server can
  // react: the frames are waiting on the socket when its event loop runs again, before or after the
  // expiry timer, and must be refused either way.
  while (Date.now() < bo.expiresAt + 5) {
    // busy wait
  }
  expect(collab.ws.readyState).toBe(collab.ws.OPEN);
  for (let i = 0; i < 20; i++) appendParagraph(doc, `after-${i}`);

  expect((await collab.closed).code).toBe(CloseCode.Unauthorized);
  const text = (await collabOf(server.services)!.readText(bo.documentId)) ?? "";
  expect(text).toContain("before-0");
  expect(text).not.toContain("after-");
  doc.destroy();
});

test("a socket.io event sent after expiry is not handled", async () => {
  const cy = await personWithShortSession("Cy", 1_500);
  const socket = await connected(openSocket(server.url, { transport: "websocket", cookie: cy.api.cookie }));
  const gone = disconnectedAt(socket);
  while (Date.now() < cy.expiresAt + 5) {
    // busy wait, as above
  }
  let answered = false;
  socket.emit("notifications:list", {}, () => (answered = true));
  expect((await gone).reason).toBe("io server disconnect");
  await new Promise((r) => setTimeout(r, 100));
  expect(answered).toBe(false);
});

test("connections that close by themselves are forgotten by the authority (nothing held per closed connection)", async () => {
  const before = server.services.access.connectionCount;
  const di = await personWithShortSession("Di", 60_000);
  const collab = openRaw(collabUrl(di.documentId), { cookie: di.api.cookie, origin: server.url });
  await collab.opened;
  const socket = await connected(openSocket(server.url, { transport: "polling", cookie: di.api.cookie }));
  const stream = await SseReader.open(`${server.url}/api/events`, { cookie: di.api.cookie });
  await stream.waitFor(() => stream.named("version")[0], 5_000, "the stream's greeting");
  expect(server.services.access.connectionCount).toBe(before + 3);

  collab.ws.close();
  socket.disconnect();
  stream.close();
  await until(() => server.services.access.connectionCount === before, 5_000, "the closed connections to be forgotten");
});
