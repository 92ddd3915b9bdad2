// Who may connect: the same rule as HTTP, plus an Origin check for cookie handshakes.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { ask, connected, openSocket, TRANSPORTS, type ClientSocket } from "./helpers";

let server: TestServer;
const sockets: ClientSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.stop();
});

async function refusal(socket: ClientSocket): Promise<{ message: string; code?: string }> {
  sockets.push(socket);
  const err = (await connected(socket).then(
    () => {
      throw new Error("connected, but should have been refused");
    },
    (e) => e,
  )) as Error & { data?: { code?: string } };
  return { message: err.message, code: err.data?.code };
}

describe.each(TRANSPORTS)("socket.io handshake over %s", (transport) => {
  test("no cookie and no token is refused", async () => {
    const r = await refusal(openSocket(server.url, { transport }));
    expect(r).toEqual({ message: "Please sign in first.", code: "unauthorized" });
  });

  test("a forged or expired session cookie is refused", async () => {
    const r = await refusal(openSocket(server.url, { transport, cookie: "tandem_session=nope" }));
    expect(r.code).toBe("unauthorized");
  });

  test("a valid cookie from a foreign origin is refused", async () => {
    const api = new ApiClient(server.url, { origin: server.url });
    await api.signup("Mallory");
    const r = await refusal(openSocket(server.url, { transport, cookie: api.cookie, origin: "https://evil.example" }));
    expect(r).toEqual({ message: "Connections from other sites are not allowed.", code: "forbidden" });
  });

  test("a valid cookie from our origin connects", async () => {
    const api = new ApiClient(server.url, { origin: server.url });
    await api.signup("Ana");
    const socket = await connected(openSocket(server.url, { transport, cookie: api.cookie }));
    sockets.push(socket);
    expect(socket.connected).toBe(true);
    expect(socket.io.engine.transport.name).toBe(transport);
  });

  test("a personal access token connects from anywhere, via auth or Authorization header", async () => {
    const api = new ApiClient(server.url, { origin: server.url });
    await api.signup("Bot");
    const created = await api.post("/api/tokens", { name: "ci" });
    expect(created.status).toBe(201);
    const token: string = created.body.token.token;
    const viaAuth = await connected(openSocket(server.url, { transport, token, origin: "https://elsewhere.example" }));
    const viaHeader = await connected(openSocket(server.url, { transport, headers: { authorization: `Bearer ${token}` }, origin: null }));
    sockets.push(viaAuth, viaHeader);
    const list = await ask(viaAuth, "notifications:list", {});
    expect(list.ok).toBe(true);
  });

  test("an unknown token is refused even with a valid cookie", async () => {
    const api = new ApiClient(server.url, { origin: server.url });
    await api.signup("Eve");
    const r = await refusal(openSocket(server.url, { transport, cookie: api.cookie, token: "tdm_not-a-real-token" }));
    expect(r.code).toBe("unauthorized");
  });
});
