// The browser's RealtimeClient, driven from Node against the real server: connection states,
// acks as values, and document rooms re-joined after the connection drops.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Fetch } from "socket.io-client";
import { RealtimeClient, type ConnectionState } from "../../lib/realtime/client";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { createDocument, nextEvent } from "./helpers";

let server: TestServer;
const clients: RealtimeClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server?.stop();
});

function until(client: RealtimeClient, status: ConnectionState["status"], timeoutMs = 10_000): Promise<ConnectionState> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const s = client.getState();
      if (s.status !== status) return;
      stop();
      clearTimeout(timer);
      resolve(s);
    };
    const stop = client.subscribeState(check);
    const timer = setTimeout(() => (stop(), reject(new Error(`still ${client.getState().status}, not ${status}`))), timeoutMs);
    check();
  });
}

async function signedIn(name: string, options: ConstructorParameters<typeof RealtimeClient>[1] = {}) {
  const api = new ApiClient(server.url, { origin: server.url });
  const user = await api.signup(name);
  const client = new RealtimeClient(server.url, { extraHeaders: { cookie: api.cookie, origin: server.url }, ...options });
  clients.push(client);
  return { api, user, client };
}

describe("RealtimeClient", () => {
  test("connected over WebSocket; degraded when only long-polling gets through", async () => {
    const { client } = await signedIn("Ana");
    await until(client, "connected");
    const { client: polling } = await signedIn("Bo", { transports: [Fetch] });
    await until(polling, "degraded");
    expect((await polling.request("notifications:list", {})).ok).toBe(true);
  });

  test("a refused handshake is a final state, and requests fail as values", async () => {
    const client = new RealtimeClient(server.url, { extraHeaders: { origin: server.url } });
    clients.push(client);
    const state = await until(client, "refused");
    expect(state).toEqual({ status: "refused", error: { code: "unauthorized", message: "Please sign in first." } });
    expect(await client.request("notifications:list", {})).toEqual({ ok: false, error: state.status === "refused" && state.error });
  });

  test("after the connection drops, open document rooms are joined again", async () => {
    const { api, client } = await signedIn("Cy");
    await until(client, "connected");
    const doc = await createDocument(api, "Notes");
    const room = client.joinDocument(doc.id);
    expect(await room.joined).toMatchObject({ ok: true, role: "owner" });

    client.socket.io.engine.close(); // as if the network dropped
    await until(client, "offline");
    await until(client, "connected");
    const live = nextEvent(client.socket, "comment:upsert", (p) => p.documentId === doc.id, 10_000);
    // Comment from another connection of the same user, so the event must come through the room.
    const other = new RealtimeClient(server.url, { extraHeaders: { cookie: api.cookie, origin: server.url } });
    clients.push(other);
    await until(other, "connected");
    expect((await other.request("comment:create", { documentId: doc.id, body: "still here?" })).ok).toBe(true);
    expect((await live).comment.body).toBe("still here?");

    room.leave();
    expect(await client.request("comment:delete", { commentId: "nope" })).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});
