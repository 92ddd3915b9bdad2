// The share-link tests' fixture: one real server per test file (SQLite, or PostgreSQL with
// TEST_POSTGRES_URL), its owner Ana, and the helpers both link test files use.
import { afterAll, beforeAll, expect } from "vitest";
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import { io } from "socket.io-client";
import { SOCKET_PATH } from "../../lib/realtime/events";
import { collabOf } from "../../server/collab/collabChannel";
import { MessageType, syncStep1Message } from "../../server/collab/messages";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { openRaw, until, type RawSocket } from "../collab/wsClients";
import type { ClientSocket } from "../realtime/helpers";

export let server: TestServer;
export let owner: ApiClient;
export let ownerToken: string;
export let collabUrl: string;

/** Call at the top of a test file: one server and its owner Ana for the whole file. */
export function withLinkServer(): void {
  beforeAll(async () => {
    server = await startTestServer();
    collabUrl = `${server.url.replace(/^http/, "ws")}/collab`;
    owner = new ApiClient(server.url, { origin: server.url });
    await owner.signup("Ana");
    ownerToken = (await owner.post("/api/tokens", { name: "links test" })).body.token.token;
  });
  afterAll(async () => {
    await server?.stop();
  });
}

export async function newDocument(title = "Plan"): Promise<string> {
  const res = await owner.post("/api/documents", { title });
  expect(res.status).toBe(201);
  return res.body.id;
}

export async function newLink(documentId: string, role: "viewer" | "editor", expiresAt?: string) {
  const res = await owner.post(`/api/documents/${documentId}/links`, { role, ...(expiresAt ? { expiresAt } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const token = (res.body.url as string).split("/s/")[1];
  return { id: res.body.id as string, url: res.body.url as string, token };
}

/** A browser without an account that opened the link: its cookie is the link cookie. */
export async function guestFor(token: string): Promise<{ api: ApiClient; cookie: string; opened: { status: number; body: any; headers: Headers } }> {
  const api = new ApiClient(server.url, { origin: server.url });
  const opened = await api.post("/api/links/open", { token });
  return { api, cookie: api.cookie, opened };
}

/** A raw collab socket that resolves once the server has put it in the room (its first frame). */
export async function joinCollab(url: string, headers: Record<string, string> = {}): Promise<RawSocket> {
  const raw = openRaw(url, headers);
  await new Promise<void>((resolve, reject) => {
    raw.ws.once("message", () => resolve());
    void raw.closed.then((c) => reject(new Error(`closed before joining: ${c.code} ${c.reason}`)));
  });
  return raw;
}

export function guestSocket(cookie: string, documentId: string): ClientSocket {
  return io(server.url, {
    path: SOCKET_PATH,
    transports: ["websocket"],
    extraHeaders: { cookie, origin: server.url },
    auth: { linkDocument: documentId },
    reconnection: false,
    forceNew: true,
  }) as ClientSocket;
}

/** Sends `frames`, then a sync step 1: once that is answered, every frame before it was handled. */
export async function sendAndSettle(raw: RawSocket, frames: Uint8Array[]): Promise<void> {
  for (const f of frames) raw.ws.send(f);
  const before = raw.messages.length;
  raw.ws.send(syncStep1Message(new Y.Doc()));
  await until(() =>
    raw.messages.slice(before).some((m) => {
      const d = decoding.createDecoder(m);
      return decoding.readVarUint(d) === MessageType.Sync && decoding.readVarUint(d) === 1;
    }),
  );
}

export const serverText = (id: string) => collabOf(server.services)!.readText(id);
