// A connection stops when its credential does. Sign-out and token revocation end the session's
// connections at once, on every channel (socket.io, collab WebSocket, SSE stream); the periodic
// re-check catches what nobody announces (a session that expired or was deleted in the database).
// setInterval is faked so the re-check runs only when a test says so; everything else runs for real.
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import { SESSION_RECHECK_MS } from "../../server/realtime/sessionRecheck";
import { CloseCode } from "../../lib/collab/closeCodes";
import { openRaw } from "../collab/wsClients";
import { SseReader } from "../events/helpers";
import { ask, connected, openSocket, signUpAndConnect } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
  vi.useRealTimers();
});

function disconnected(socket: ReturnType<typeof openSocket>) {
  return new Promise<string>((resolve) => socket.once("disconnect", resolve));
}

test("signing out ends that session's socket.io, collab and SSE connections at once; other sessions stay", async () => {
  const ana = await signUpAndConnect(server, "Ana", "websocket");
  const other = await signUpAndConnect(server, "Bo", "polling");
  const cookie = ana.api.cookie; // logout replaces it with an expired one
  const created = await ana.api.post("/api/documents", { title: "Plan" });
  const documentId: string = created.body.document?.id ?? created.body.id;
  const collab = openRaw(`${server.url.replace(/^http/, "ws")}/collab/${documentId}`, { cookie, origin: server.url });
  await collab.opened;
  const stream = await SseReader.open(`${server.url}/api/events`, { cookie });
  await stream.waitFor(() => stream.named("version")[0], 5000, "the stream's greeting");
  expect(stream.named("version")[0].data.viewer).not.toBe("anonymous"); // a signed-in stream (Ana is the first account: admin)

  const socketClosed = disconnected(ana.socket);
  expect((await ana.api.post("/api/auth/logout")).status).toBe(204);

  // No re-check has run (setInterval is faked): the sign-out itself ended them.
  expect(await socketClosed).toBe("io server disconnect");
  expect((await collab.closed).code).toBe(CloseCode.Unauthorized);
  await stream.waitFor(() => stream.closed, 5000, "the stream to end");
  // Another account's connections are untouched.
  expect((await ask(other.socket, "notifications:list", {})).ok).toBe(true);
  other.socket.disconnect();
});

test("revoking an access token ends the connections that used it, not the owner's cookie session", async () => {
  const bot = await signUpAndConnect(server, "Bot", "websocket");
  const created = await bot.api.post("/api/tokens", { name: "script" });
  const { id, token } = created.body.token;
  const viaToken = await connected(openSocket(server.url, { transport: "websocket", token, origin: null }));
  const doc = await bot.api.post("/api/documents", { title: "Bot notes" });
  const documentId: string = doc.body.document?.id ?? doc.body.id;
  const collab = openRaw(`${server.url.replace(/^http/, "ws")}/collab/${documentId}?token=${token}`);
  await collab.opened;
  const closed = disconnected(viaToken);
  expect((await bot.api.delete(`/api/tokens/${id}`)).status).toBe(204);

  expect(await closed).toBe("io server disconnect");
  expect((await collab.closed).code).toBe(CloseCode.Unauthorized);
  expect(bot.socket.connected).toBe(true);
  bot.socket.disconnect();
});

test("a session that ends without a sign-out (expired, deleted) is caught by the periodic re-check", async () => {
  const cy = await signUpAndConnect(server, "Cy", "polling");
  const closed = disconnected(cy.socket);
  await server.services.db.session.deleteMany({ where: { userId: cy.user.id } });
  vi.advanceTimersByTime(SESSION_RECHECK_MS);
  expect(await closed).toBe("io server disconnect");
});
