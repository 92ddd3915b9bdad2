// The instance capacity against a real server and real sockets: filled to its cap, the next collab
// WebSocket, HTTP-transport stream, event stream and socket.io handshake is refused with 503 (or the
// Busy answer our clients ask for) and a Retry-After inside the configured jitter window; the open
// connections keep working; one closing lets the next one in. A second server checks the admission rate.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BUSY_PARAM, BUSY_PARAM_VALUE, CloseCode, retryAfterOfClose } from "../../lib/collab/closeCodes";
import { streamPath, type StreamClose } from "../../lib/collab/httpFrames";
import { startTestServer, type TestServer } from "../helpers/server";
import { openSocket, connected, type ClientSocket } from "../realtime/helpers";
import { SseReader } from "../events/helpers";
import { FetchEventSource } from "../collab/httpClients";
import { sharedDocument, signUpWithToken, tokenAccount } from "../collab/tokenAccounts";
import { closeSession, openProvider, openRaw, synced, until, type Session } from "../collab/wsClients";

const BASE = 10;
const SPREAD = 5;
const CAP = 2;
const inWindow = (seconds: number) => seconds >= BASE - SPREAD && seconds <= BASE + SPREAD;

let server: TestServer;
let collabUrl: string;
const owner = tokenAccount();
const editor = tokenAccount();
const viewer = tokenAccount();
let documentId: string;
const sessions: Session[] = [];
const sources: FetchEventSource[] = [];
const readers: SseReader[] = [];
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({
    CAPACITY_COLLAB_SOCKETS: String(CAP),
    CAPACITY_COLLAB_STREAMS: String(CAP),
    CAPACITY_EVENT_STREAMS: String(CAP),
    CAPACITY_REALTIME_SOCKETS: String(CAP),
    CAPACITY_RETRY_AFTER_SECONDS: String(BASE),
    CAPACITY_RETRY_AFTER_SPREAD_SECONDS: String(SPREAD),
  });
  collabUrl = `${server.url.replace(/^http/, "ws")}/collab`;
  await signUpWithToken(server.url, "Owner", owner);
  await signUpWithToken(server.url, "Editor", editor);
  await signUpWithToken(server.url, "Viewer", viewer);
  documentId = await sharedDocument("Capacity", owner, editor, viewer);
});

afterAll(async () => {
  for (const s of sessions) closeSession(s);
  for (const s of sources) s.close();
  for (const r of readers) r.close();
  for (const s of sockets) s.disconnect();
  await server?.stop();
});

const counts = () => server.services.capacity.counts();

/** A plain upgrade attempt: the HTTP status and Retry-After of a refusal, or "opened". */
async function tryUpgrade(query = ""): Promise<{ status: number; retryAfter: number } | "opened"> {
  const { default: http } = await import("node:http");
  return new Promise((resolve, reject) => {
    const req = http.get(`${server.url}/collab/${documentId}?token=${owner.token}${query}`, {
      headers: { Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==" },
    });
    req.on("upgrade", (_res, socket) => {
      socket.destroy();
      resolve("opened");
    });
    req.on("response", (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, retryAfter: Number(res.headers["retry-after"]) });
    });
    req.on("error", reject);
  });
}

describe("collab WebSockets at the cap", () => {
  test("the next upgrade gets 503 with a jittered Retry-After; open sockets keep editing; a freed slot admits", async () => {
    const a = openProvider(collabUrl, documentId, owner.token);
    const b = openProvider(collabUrl, documentId, editor.token);
    sessions.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    expect(counts().collabSockets).toBe(CAP);

    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const answer = await tryUpgrade();
      expect(answer).not.toBe("opened");
      if (answer === "opened") return;
      expect(answer.status).toBe(503);
      waits.push(answer.retryAfter);
    }
    expect(waits.every(inWindow)).toBe(true);
    expect(new Set(waits).size).toBeGreaterThan(1);

    // Our own client asks for the Busy close instead, which a browser can read.
    const busy = openRaw(`${collabUrl}/${documentId}?token=${owner.token}&${BUSY_PARAM}=${BUSY_PARAM_VALUE}`);
    const close = await busy.closed;
    expect(close.code).toBe(CloseCode.Busy);
    const advised = retryAfterOfClose(close.code, close.reason);
    expect(advised).not.toBeNull();
    expect(inWindow(advised! / 1000)).toBe(true);

    // Nobody was evicted: the two open sockets still exchange edits.
    a.doc.getText("t").insert(0, "still here");
    await until(() => b.doc.getText("t").toString() === "still here", 10_000, "edit reaches the other socket");
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);

    closeSession(b);
    await until(() => counts().collabSockets < CAP, 10_000, "slot given back");
    const c = openProvider(collabUrl, documentId, viewer.token);
    sessions.push(c);
    await synced(c);
    expect(c.doc.getText("t").toString()).toBe("still here");
    // /metrics shows the counts beside the caps, and the refusals.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^tandem_capacity_collab_sockets_open 2$/m);
    expect(metrics).toMatch(new RegExp(`^tandem_capacity_collab_sockets_max ${CAP}$`, "m"));
    expect(metrics).toMatch(/^tandem_capacity_refused_full_total 9$/m);
    closeSession(a);
    closeSession(c);
    await until(() => counts().collabSockets === 0, 10_000, "all slots given back");
  });
});

/** An HTTP-transport stream, resolved once it holds a session (or ended with a close event). */
async function httpStream(token: string, query = ""): Promise<{ source: FetchEventSource; session: () => boolean; close: () => StreamClose | null }> {
  const source = new FetchEventSource(`${server.url}${streamPath(documentId)}?token=${token}${query}`);
  sources.push(source);
  let session = false;
  let close: StreamClose | null = null;
  source.addEventListener("session", () => (session = true));
  source.addEventListener("close", (e) => {
    close = JSON.parse(String(e.data));
    source.close();
  });
  return { source, session: () => session, close: () => close };
}

describe("HTTP-transport streams at the cap", () => {
  test("the next stream gets 503 with a jittered Retry-After (or the Busy close); a closed one frees its slot", async () => {
    const one = await httpStream(owner.token);
    const two = await httpStream(editor.token);
    await until(() => one.session() && two.session(), 10_000, "two sessions");
    expect(counts().collabStreams).toBe(CAP);

    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${server.url}${streamPath(documentId)}?token=${owner.token}`);
      expect(res.status).toBe(503);
      expect((await res.json()).error.code).toBe("unavailable");
      waits.push(Number(res.headers.get("retry-after")));
    }
    expect(waits.every(inWindow)).toBe(true);
    expect(new Set(waits).size).toBeGreaterThan(1);

    const busy = await httpStream(owner.token, `&${BUSY_PARAM}=${BUSY_PARAM_VALUE}`);
    await until(() => busy.close() !== null, 10_000, "busy close");
    expect(busy.close()!.code).toBe(CloseCode.Busy);
    expect(inWindow(retryAfterOfClose(busy.close()!.code, busy.close()!.reason)! / 1000)).toBe(true);

    // The open streams were not touched.
    expect(one.close()).toBeNull();
    expect(two.close()).toBeNull();
    // A session outlives a dropped stream for a grace period (it may resume); removing the editor
    // ends theirs at once, and its slot goes to the next stream.
    expect((await owner.api.delete(`/api/documents/${documentId}/members/${editor.id}`)).status).toBe(204);
    await until(() => two.close() !== null, 10_000, "editor's stream ended");
    expect(two.close()!.code).toBe(CloseCode.Forbidden);
    await until(() => counts().collabStreams < CAP, 10_000, "slot given back");
    const three = await httpStream(viewer.token);
    await until(() => three.session(), 10_000, "a new session");
    expect(one.close()).toBeNull();
  });
});

describe("event streams at the cap", () => {
  test("the next GET /api/events gets 503 with a jittered Retry-After, or a retry: of it; a freed slot admits", async () => {
    const first = await SseReader.open(`${server.url}/api/events`);
    const second = await SseReader.open(`${server.url}/api/events`);
    readers.push(first, second);
    await first.waitForEvent("version");
    await second.waitForEvent("version");
    expect(counts().eventStreams).toBe(CAP);

    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${server.url}/api/events`);
      expect(res.status).toBe(503);
      await res.body?.cancel();
      waits.push(Number(res.headers.get("retry-after")));
    }
    expect(waits.every(inWindow)).toBe(true);
    expect(new Set(waits).size).toBeGreaterThan(1);

    const busy = await SseReader.open(`${server.url}/api/events?${BUSY_PARAM}=${BUSY_PARAM_VALUE}`);
    readers.push(busy);
    await busy.waitFor(() => busy.closed, 5_000, "busy answer ends");
    expect(busy.status).toBe(200);
    const retry = busy.frames.map((f) => f.retry).filter((r): r is number => r !== undefined);
    expect(retry.length).toBeGreaterThan(0);
    expect(inWindow(retry[retry.length - 1] / 1000)).toBe(true);
    expect(busy.events.find((f) => f.event === "version")).toBeUndefined();

    // The open streams were not touched, and still receive events.
    expect(first.closed || second.closed).toBe(false);
    const announced = await owner.api.post("/api/admin/announcements", { title: "Still listening" });
    expect(announced.status).toBe(201);
    await first.waitForEvent("announcement", (d) => d.id === announced.body.id);
    await second.waitForEvent("announcement", (d) => d.id === announced.body.id);
    second.close();
    await until(() => counts().eventStreams < CAP, 10_000, "slot given back");
    const third = await SseReader.open(`${server.url}/api/events`);
    readers.push(third);
    await third.waitForEvent("version");
    expect(third.status).toBe(200);
  });
});

describe("socket.io at the cap", () => {
  test("the next handshake is refused as unavailable with a jittered wait; a freed slot admits", async () => {
    const open = async (token: string) => {
      const socket = openSocket(server.url, { transport: "websocket", token });
      sockets.push(socket);
      return connected(socket);
    };
    await open(owner.token);
    const second = await open(editor.token);
    expect(counts().realtimeSockets).toBe(CAP);
    const refused = await open(viewer.token).then(
      () => null,
      (err: Error & { data?: { code?: string; retryAfterSeconds?: number } }) => err,
    );
    expect(refused?.data?.code).toBe("unavailable");
    expect(inWindow(refused?.data?.retryAfterSeconds ?? 0)).toBe(true);
    second.disconnect();
    await until(() => counts().realtimeSockets < CAP, 10_000, "slot given back");
    await open(viewer.token);
  });
});

describe("the admission rate", () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({
      CAPACITY_ADMISSION_BURST: "3",
      CAPACITY_ADMISSIONS_PER_SECOND: "1",
      CAPACITY_RETRY_AFTER_SECONDS: "2",
      CAPACITY_RETRY_AFTER_SPREAD_SECONDS: "1",
    });
  });
  afterAll(async () => {
    await limited?.stop();
  });

  test("a burst past it is refused with 503, counted apart from the caps", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${limited.url}/api/events`);
      statuses.push(res.status);
      if (res.status === 503) expect([1, 2, 3]).toContain(Number(res.headers.get("retry-after")));
      await res.body?.cancel();
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3);
    expect(statuses).toContain(503);
    expect(limited.services.capacity.counts().refusedRate).toBeGreaterThan(0);
    expect(limited.services.capacity.counts().refusedFull).toBe(0);
  });
});
