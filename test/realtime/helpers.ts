// socket.io test clients against a real server: sign up over HTTP, then connect with the session
// cookie (plus a same-origin Origin header, as a browser would send) over the chosen transport.
import { io, Fetch, type Socket } from "socket.io-client";
import { SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from "../../lib/realtime/events";
import { ApiClient, type TestServer } from "../helpers/server";
import { openRaw, type RawSocket } from "../collab/wsClients";

export type Transport = "websocket" | "polling";
export const TRANSPORTS: Transport[] = ["websocket", "polling"];
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type SocketOptions = {
  transport: Transport;
  cookie?: string;
  origin?: string | null;
  token?: string;
  headers?: Record<string, string>;
};

export function openSocket(baseUrl: string, o: SocketOptions): ClientSocket {
  const headers: Record<string, string> = { ...o.headers };
  if (o.cookie) headers.cookie = o.cookie;
  if (o.origin !== null) headers.origin = o.origin ?? baseUrl;
  return io(baseUrl, {
    path: SOCKET_PATH,
    // Polling through fetch(): Node's XMLHttpRequest shim refuses to set Cookie and Origin headers.
    transports: o.transport === "polling" ? [Fetch] : ["websocket"],
    upgrade: false,
    extraHeaders: headers,
    auth: o.token ? { token: o.token } : {},
    reconnection: false,
    forceNew: true,
    timeout: 10_000,
  });
}

/** Resolves once connected; rejects with the server's refusal (message and data.code). */
export function connected(socket: ClientSocket): Promise<ClientSocket> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => reject(err));
  });
}

export type Person = { api: ApiClient; user: { id: string; email: string; name: string }; socket: ClientSocket };

export async function signUpAndConnect(server: TestServer, name: string, transport: Transport, email?: string): Promise<Person> {
  const api = new ApiClient(server.url, { origin: server.url });
  const user = await api.signup(name, email);
  const socket = await connected(openSocket(server.url, { transport, cookie: api.cookie }));
  return { api, user, socket };
}

/** The next `event` whose payload passes `match`, or a rejection after a generous timeout. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  match: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    socket.on(event, listener as never);
  });
}

/** Collects every `event` from now on, to check later that something did NOT arrive. */
export function record<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E) {
  const seen: Array<Parameters<ServerToClientEvents[E]>[0]> = [];
  socket.on(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => seen.push(payload)) as never);
  return seen;
}

/** One round trip through the server: everything it emitted to this socket before is delivered by now. */
export async function roundTrip(socket: ClientSocket): Promise<void> {
  await socket.timeout(5_000).emitWithAck("presence:list", {});
}

export async function createDocument(api: ApiClient, title: string): Promise<{ id: string; title: string }> {
  const res = await api.post("/api/documents", { title });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function share(owner: ApiClient, documentId: string, email: string, role: "editor" | "viewer") {
  const res = await owner.post(`/api/documents/${documentId}/members`, { email, role });
  if (res.status !== 201) throw new Error(`share failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** emitWithAck with a timeout, keeping the typed result (socket.io's `timeout()` loses it). */
export function ask<E extends keyof ClientToServerEvents>(
  socket: ClientSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = 5_000,
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  return (socket.timeout(timeoutMs) as any).emitWithAck(event, payload);
}

/**
 * A collab WebSocket (/collab/<id>) opened with the person's session, as the editor opens it:
 * resolves once the server has put it in the document's room (its first frame is sync step 1).
 * Presence comes from these rooms, not from socket.io.
 */
export async function openCollab(server: TestServer, api: ApiClient, documentId: string): Promise<RawSocket> {
  const socket = openRaw(`${server.url.replace(/^http/, "ws")}/collab/${documentId}`, { cookie: api.cookie, origin: server.url });
  await new Promise<void>((resolve, reject) => {
    socket.ws.once("message", () => resolve());
    void socket.closed.then((c) => reject(new Error(`collab socket closed before joining: ${c.code} ${c.reason}`)));
  });
  return socket;
}

/** Closes a collab socket and waits for the server's side of the close. */
export async function closeCollab(socket: RawSocket): Promise<void> {
  socket.ws.close();
  await socket.closed;
}
