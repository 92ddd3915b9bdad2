// A socket stops when its session does: after sign-out (or token revocation) the periodic re-check
// closes it. setInterval is faked so the test does not wait a minute; everything else runs for real.
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import { SESSION_RECHECK_MS } from "../../server/realtime/sessionRecheck";
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

test("signing out closes that session's sockets at the next re-check; other sessions stay", async () => {
  const ana = await signUpAndConnect(server, "Ana", "websocket");
  const other = await signUpAndConnect(server, "Bo", "polling");
  const closed = disconnected(ana.socket);
  expect((await ana.api.post("/api/auth/logout")).status).toBeLessThan(300);

  vi.advanceTimersByTime(SESSION_RECHECK_MS);
  expect(await closed).toBe("io server disconnect");
  expect((await ask(other.socket, "notifications:list", {})).ok).toBe(true);
  other.socket.disconnect();
});

test("revoking an access token closes the sockets that used it", async () => {
  const bot = await signUpAndConnect(server, "Bot", "websocket");
  const created = await bot.api.post("/api/tokens", { name: "script" });
  const { id, token } = created.body.token;
  const viaToken = await connected(openSocket(server.url, { transport: "websocket", token, origin: null }));
  const closed = disconnected(viaToken);
  expect((await bot.api.delete(`/api/tokens/${id}`)).status).toBeLessThan(300);

  vi.advanceTimersByTime(SESSION_RECHECK_MS);
  expect(await closed).toBe("io server disconnect");
  expect(bot.socket.connected).toBe(true); // the cookie session is untouched
  bot.socket.disconnect();
});
