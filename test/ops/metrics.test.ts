// /metrics as one prom-client registry: every collab metric name dashboards use is still exported (counts
// since start as counters), and with Redis the relay's counters are there and count what they say.
import crypto from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { closeSession, openProvider, synced, until, type Session } from "../collab/wsClients";
import { freePort, RedisProcess, redisServerAvailable } from "../hosted/redisProcess";

const scrape = async (s: TestServer) => (await fetch(`${s.url}/metrics`)).text();
/** The value of an unlabelled sample, or undefined when the metric is not exported. */
const sample = (text: string, name: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
};

const LEVELS = ["tandem_collab_rooms", "tandem_collab_connections", "tandem_event_loop_lag_seconds", "tandem_socketio_connections", "tandem_sse_connections"];
const COUNTS = [
  "tandem_collab_compactions",
  "tandem_collab_write_errors",
  "tandem_collab_write_congestions",
  "tandem_collab_updates_refused",
  "tandem_collab_room_reloads",
  "tandem_collab_quarantined",
  "tandem_collab_throttled",
  "tandem_collab_readonly_updates_dropped",
];
const RELAY = ["tandem_collab_relay_rejected_total", "tandem_collab_relay_publish_errors_total", "tandem_collab_relay_subscription_errors_total"];

describe("a single instance", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  test("exports every collab metric by its name, levels as gauges and counts as counters; no relay without Redis", async () => {
    const text = await scrape(server);
    for (const name of LEVELS) expect(text, name).toContain(`# TYPE ${name} gauge`);
    for (const name of COUNTS) expect(text, name).toContain(`# TYPE ${name} counter`);
    for (const name of ["tandem_collab_commit_batch_updates", "tandem_collab_commit_latency_seconds"]) expect(text).toContain(`# TYPE ${name} histogram`);
    for (const name of RELAY) expect(text).not.toContain(name);
    expect(sample(text, "tandem_collab_compactions")).toBe(0);
  });
});

describe.skipIf(!redisServerAvailable())("with Redis (hosted mode)", () => {
  const prefix = `m${Date.now()}:`;
  let redis: RedisProcess;
  let server: TestServer;
  let client: Redis;
  let session: Session | undefined;
  beforeAll(async () => {
    redis = new RedisProcess(await freePort());
    await redis.start();
    server = await startTestServer({ REDIS_URL: redis.url, REDIS_PREFIX: prefix });
    client = new Redis(redis.url);
  }, 60_000);
  afterAll(async () => {
    if (session) closeSession(session);
    client?.disconnect();
    await server?.stop();
    await redis?.stop();
  });

  test("messages from another instance that cannot be applied are counted on /metrics", async () => {
    const api = new ApiClient(server.url);
    await api.signup("Ana");
    const doc = (await api.post("/api/documents", { title: "Relayed" })).body;
    const token = (await api.post("/api/tokens", { name: "metrics test" })).body.token.token;
    session = openProvider(server.url.replace(/^http/, "ws") + "/collab", doc.id, token);
    await synced(session);
    const before = await scrape(server);
    for (const name of RELAY) expect(sample(before, name), name).toBe(0);

    // Frames as another instance sends them: [sender id (16)] [kind (1)] [payload].
    const sender = crypto.randomBytes(16);
    const channel = `${prefix}collab:${doc.id}`;
    await client.publish(channel, Buffer.concat([sender, Buffer.from([9]), Buffer.from("what is this")])); // an unknown kind
    await client.publish(channel, Buffer.concat([sender, Buffer.from([0]), Buffer.from([0xff, 0xff, 0xff])])); // an update that does not decode
    await until(async () => sample(await scrape(server), "tandem_collab_relay_rejected_total") === 2, 10_000, "both rejections counted");
    expect(session.doc.getXmlFragment("default").length).toBe(0); // nothing of it reached the editor
  });
});
