// How fast one Tandem instance opens event streams that resume: the step the cluster failover waits on
// (every stream of a killed instance comes back to the survivors with its Last-Event-ID at once).
// One instance of the compiled server on a fresh PostgreSQL database and a Redis key prefix, as in the
// cluster (bench/cluster/deployment.mjs), one signed-in member. It first holds BENCH_OPENS_HELD streams
// (what a survivor already serves), then per round opens BENCH_OPENS_STREAMS more at once, each with
// the same Last-Event-ID (spread over BENCH_OPENS_SPREAD_MS), and measures until every one has its first bytes: opens per second and the
// server's CPU time (utime + stime, /proc) per open. Then they close and the next round starts.
//   node bench/stream-opens.mjs     # BENCH_OPENS_STREAMS=1000 BENCH_OPENS_HELD=1000 BENCH_OPENS_ROUNDS=3 BENCH_OPENS_SPREAD_MS=2000
// BENCH_TANDEM_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (written as it exits).
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { cpuMs } from "./lib/proc.mjs";
import { signup } from "./lib/tandemAccounts.mjs";
import { tandem } from "./targets/index.mjs";
import { dropRedisKeys, freshDatabase } from "./cluster/deployment.mjs";

const STREAMS = Number(process.env.BENCH_OPENS_STREAMS ?? 1000);
const HELD = Number(process.env.BENCH_OPENS_HELD ?? 1000);
const ROUNDS = Number(process.env.BENCH_OPENS_ROUNDS ?? 3);
// Over how long a round's streams start, evenly: 0 is all at once; a failover's come over ~2 s (the
// jittered `retry:`), so the server sees a few per event-loop turn, not hundreds.
const SPREAD_MS = Number(process.env.BENCH_OPENS_SPREAD_MS ?? 2000);
const REDIS = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const ADMIN_EMAIL = "opens-admin@example.com";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One stream: resolves with its request once the first bytes arrive; `firstId()` is the first `id:` it was sent so far. */
function open(port, cookie, lastEventId) {
  return new Promise((resolve, reject) => {
    const headers = { accept: "text/event-stream", cookie, ...(lastEventId ? { "last-event-id": lastEventId } : {}) };
    const req = http.get({ host: "127.0.0.1", port, path: "/api/events", agent: false, headers }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      res.setEncoding("utf8");
      let text = "";
      res.once("data", () => resolve({ req, firstId: () => /^id: (\d+)$/m.exec(text)?.[1] ?? null }));
      res.on("data", (chunk) => {
        if (text.length < 4096) text += chunk;
      });
    });
    req.on("error", reject);
  });
}

async function main() {
  const database = await freshDatabase();
  const redisPrefix = `bench-opens-${process.pid}-${Date.now().toString(36)}:`;
  const server = await tandem.start({
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "tandem-bench-opens-")),
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: REDIS,
      REDIS_PREFIX: redisPrefix,
      SESSION_SECRET: "a-shared-secret-for-the-stream-opens-bench",
      ADMIN_EMAILS: ADMIN_EMAIL,
      EVENT_STREAMS_PER_ACCOUNT: "1000000",
      EVENT_STREAMS_PER_ADDRESS: "1000000",
      LOG_LEVEL: process.env.TANDEM_LOG_LEVEL ?? "warn",
    },
  });
  const base = `http://127.0.0.1:${server.port}`;
  const rows = [];
  try {
    const admin = await signup(base, ADMIN_EMAIL, "Opens admin");
    const member = await signup(base, "opens-member@example.com", "Opens member");
    // An announcement in the shared log, and the id a stream resumes from after it.
    const posted = await fetch(`${base}/api/admin/announcements`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: admin, origin: base },
      body: JSON.stringify({ title: "opens", body: "Stream opens bench", severity: "info", audience: "users" }),
    });
    if (posted.status !== 201) throw new Error(`announcement not posted: ${posted.status} ${await posted.text()}`);
    await sleep(200);
    const probe = await open(server.port, member, null);
    await sleep(200);
    probe.req.destroy();
    const lastEventId = probe.firstId();
    if (!lastEventId) throw new Error("the first stream was sent no event id");
    const held = [];
    for (let i = 0; i < HELD; i += 200)
      held.push(...(await Promise.all(Array.from({ length: Math.min(200, HELD - i) }, () => open(server.port, member, lastEventId)))));
    console.log(`held ${held.length} streams; resuming from ${lastEventId}; load ${os.loadavg()[0].toFixed(2)}`);

    for (let round = 1; round <= ROUNDS; round++) {
      await sleep(1000);
      const load = os.loadavg()[0];
      const cpuBefore = cpuMs(server.pid);
      const startedAt = performance.now();
      const opened = await Promise.all(
        Array.from({ length: STREAMS }, (_, i) => sleep((i * SPREAD_MS) / STREAMS).then(() => open(server.port, member, lastEventId))),
      );
      const wallMs = performance.now() - startedAt;
      const serverCpuMs = cpuMs(server.pid) - cpuBefore;
      for (const s of opened) s.req.destroy();
      const row = {
        round,
        streams: STREAMS,
        held: held.length,
        spreadMs: SPREAD_MS,
        wallMs: Math.round(wallMs),
        opensPerSecond: Math.round((STREAMS * 1000) / wallMs),
        cpuMsPerOpen: Number((serverCpuMs / STREAMS).toFixed(2)),
        load: Number(load.toFixed(2)),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
    for (const s of held) s.req.destroy();
    console.log(
      JSON.stringify({
        median: {
          opensPerSecond: median(rows.map((r) => r.opensPerSecond)),
          cpuMsPerOpen: median(rows.map((r) => r.cpuMsPerOpen)),
          wallMs: median(rows.map((r) => r.wallMs)),
        },
      }),
    );
  } finally {
    // SIGTERM, so that a --cpu-prof profile is written.
    await server.stop();
    await database.drop().catch(() => {});
    await dropRedisKeys(redisPrefix).catch(() => {});
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
