// The deployment shape, end to end on loopback: two Tandem instances (separate processes) on one
// PostgreSQL and one Redis, behind nginx from deploy/nginx.conf.template with TLS and HTTP/2.
// Users land on different instances; co-editing and announcements cross; then one instance is
// killed and its clients reconnect to the other with nothing lost.
import http2 from "node:http2";
import { afterAll, beforeAll, expect, test } from "vitest";
import * as Y from "yjs";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import { ApiClient } from "../helpers/server";
import { documentText } from "../../server/collab/documentText";
import { appendParagraph } from "../collab/fakes";
import { until } from "../collab/wsClients";
import { Instance, NginxProxy, nginxAvailable } from "./cluster";
import { freePort, startBackingServices, type RedisProcess } from "./redisProcess";

// The proxy's certificate is self-signed and made by this test; trust it in this test process only.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";

let available = nginxAvailable();
let redis: RedisProcess;
let database: { url: string; drop(): Promise<void> } | undefined;
const instances: Instance[] = [];
const proxy = new NginxProxy();
const providers: WebsocketProvider[] = [];

beforeAll(async () => {
  if (!available) return;
  const services = await startBackingServices();
  if (!services) {
    available = false; // no PostgreSQL or redis-server here: the hosted mode cannot be tested
    return;
  }
  ({ database, redis } = services);
  const proxyPort = await freePort();
  const env = {
    DATABASE_URL: database!.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: `proxy-test-${Date.now()}:`,
    PUBLIC_URL: `https://127.0.0.1:${proxyPort}`,
    SESSION_SECRET: "a-shared-secret-for-every-instance-of-this-test-0000",
    HOST: "127.0.0.1",
  };
  for (let i = 0; i < 2; i++) instances.push(new Instance(await freePort(), env));
  // Start one first so that only one runs the migrations (they are safe concurrently too: Prisma
  // takes an advisory lock on PostgreSQL), then the other.
  await instances[0].start();
  await instances[1].start();
  await proxy.start(
    instances.map((i) => i.port),
    proxyPort,
  );
}, 180_000);

afterAll(async () => {
  for (const p of providers) p.destroy();
  await proxy.stop();
  for (const i of instances) await i.kill();
  await database?.drop();
  await redis?.stop();
});

/** The stock provider over wss through the proxy. */
function openProvider(documentId: string, token: string): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`wss://127.0.0.1:${proxy.port}/collab`, documentId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
  providers.push(provider);
  return { doc, provider };
}

const synced = (p: WebsocketProvider) => until(() => p.synced, 20_000, "provider sync");
const lines = (doc: Y.Doc) => documentText(doc).split("\n").filter(Boolean);

/** Reads an SSE stream over plain HTTP until an event with `name` whose data passes `match` arrives. */
async function nextEvent(url: string, name: string, match: (data: any) => boolean, timeoutMs = 10_000) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const res = await fetch(url, { signal: controller.signal, headers: { accept: "text/event-stream" } });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error("stream ended");
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event === name && data && match(JSON.parse(data))) return JSON.parse(data);
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

test("through nginx: HTTP/2 event streams, co-editing and announcements across instances, failover", { timeout: 180_000 }, async (ctx) => {
  if (!available) return ctx.skip();

  // 1. HTTP/2 over TLS: several event streams share one connection.
  const session = http2.connect(proxy.url, { rejectUnauthorized: false });
  const streams = await Promise.all(
    [0, 1, 2].map(
      () =>
        new Promise<{ status: number; type: string }>((resolve, reject) => {
          const req = session.request({ ":path": "/api/events", accept: "text/event-stream" });
          req.on("response", (headers) => {
            resolve({ status: Number(headers[":status"]), type: String(headers["content-type"]) });
            req.close();
          });
          req.on("error", reject);
        }),
    ),
  );
  expect(session.alpnProtocol).toBe("h2");
  session.close();
  for (const s of streams) expect(s).toEqual({ status: 200, type: expect.stringContaining("text/event-stream") });

  // 2. Two users, one shared document, tokens for their editor clients.
  const ana = new ApiClient(proxy.url);
  await ana.signup("Ana");
  const ben = new ApiClient(proxy.url);
  const benUser = await ben.signup("Ben");
  const doc = (await ana.post("/api/documents", { title: "Behind the proxy" })).body;
  expect((await ana.post(`/api/documents/${doc.id}/members`, { email: benUser.email, role: "editor" })).status).toBe(201);
  const anaToken = (await ana.post("/api/tokens", { name: "t" })).body.token.token;
  const benToken = (await ben.post("/api/tokens", { name: "t" })).body.token.token;

  // 3. Their editors land on different instances (least_conn) and co-edit.
  const a = openProvider(doc.id, anaToken);
  await synced(a.provider);
  const b = openProvider(doc.id, benToken);
  await synced(b.provider);
  const perInstance = await Promise.all(instances.map((i) => i.metric("tandem_collab_connections")));
  expect(perInstance).toEqual([1, 1]);
  const t0 = performance.now();
  appendParagraph(a.doc, "Ana via instance A");
  await until(() => lines(b.doc).includes("Ana via instance A"), 10_000, "edit across instances");
  console.log(`[proxy] edit crossed instances through nginx in ${(performance.now() - t0).toFixed(1)} ms`);
  appendParagraph(b.doc, "Ben via instance B");
  await until(() => lines(a.doc).includes("Ben via instance B"), 10_000, "edit back");

  // 4. An announcement published through the proxy reaches event streams on every instance.
  const onEach = instances.map((i) => nextEvent(`${i.url}/api/events`, "announcement", (d) => d.title === "Across instances"));
  await new Promise((r) => setTimeout(r, 300)); // let both streams connect
  const published = await ana.post("/api/admin/announcements", { title: "Across instances", body: "Hello **everyone**" });
  expect(published.status).toBe(201);
  const delivered = await Promise.all(onEach);
  expect(delivered.map((d) => d.title)).toEqual(["Across instances", "Across instances"]);

  // 5. Kill one instance hard. Its client reconnects through the proxy to the survivor; nothing is lost.
  for (let i = 0; i < 5; i++) appendParagraph(a.doc, `before crash ${i}`);
  await until(() => lines(b.doc).length === 7, 10_000, "pre-crash edits to arrive");
  await new Promise((r) => setTimeout(r, 200)); // past the group-commit window: on disk
  const victim = instances[0];
  await victim.kill("SIGKILL");
  for (let i = 0; i < 3; i++) appendParagraph(a.doc, `after crash A ${i}`);
  for (let i = 0; i < 3; i++) appendParagraph(b.doc, `after crash B ${i}`);
  await until(() => lines(a.doc).length === 13 && lines(b.doc).length === 13, 60_000, "convergence after failover");
  expect(documentText(a.doc)).toBe(documentText(b.doc));
  expect(await instances[1].metric("tandem_collab_connections")).toBe(2);

  // A fresh client sees everything: the survivor stored what it accepted, the victim what it had.
  const fresh = openProvider(doc.id, benToken);
  await synced(fresh.provider);
  await until(() => lines(fresh.doc).length === 13, 10_000, "fresh client to see every edit");
  expect(documentText(fresh.doc)).toBe(documentText(a.doc));
});
