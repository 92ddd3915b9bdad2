// The cost of reach reporting beside the plain broadcast, on Tandem's real server (bench/targets).
// N event streams held by A accounts (N/A tabs each) and one administrator's stream. Per round:
//   plain: one announcement to every stream (deliveries are always counted: reach.ts flushes them
//          once a second and pushes the figures to the administrator's stream);
//   reach: one acknowledgement-required announcement; then every tab reports it seen
//          (POST /api/announcements/seen, one per tab: the worst case, no batching across tabs) and
//          every account acknowledges it once; the administrator's stream gets the live figures.
// Measured per announcement, from the post until the streams have it and the figures settled:
// server CPU time (utime + stime of the server process, /proc) and bytes the streams received
// (every stream's, plus the administrator's reach pushes), and the HTTP requests the reporting took.
//   node bench/reach.mjs                 # BENCH_REACH_STREAMS=2000 BENCH_REACH_ACCOUNTS=100 BENCH_REACH_ROUNDS=5
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { tandem } from "./targets/index.mjs";

const STREAMS = Number(process.env.BENCH_REACH_STREAMS ?? 2000);
const ACCOUNTS = Number(process.env.BENCH_REACH_ACCOUNTS ?? 100);
const ROUNDS = Number(process.env.BENCH_REACH_ROUNDS ?? 5);
const SETTLE_MS = 1500; // the delivered flush (1 s) and the reach push (300 ms) fall inside
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const TICK_MS = 1000 / 100; // USER_HZ

function cpuMs(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-bench-reach-"));
  const adminEmail = `bench-reach-admin-${process.pid}@example.com`;
  const server = await tandem.start({
    dataDir,
    env: { ADMIN_EMAILS: adminEmail, EVENT_STREAMS_PER_ACCOUNT: "1000000", EVENT_STREAMS_PER_ADDRESS: "1000000", LOG_LEVEL: "warn" },
  });
  const base = `http://127.0.0.1:${server.port}`;
  const request = async (method, p, cookie, body) => {
    const res = await fetch(base + p, {
      method,
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return { res, body: text ? JSON.parse(text) : null };
  };
  const signup = async (email, name) =>
    (await request("POST", "/api/auth/signup", null, { email, password: "bench password 1234", name })).res.headers.get("set-cookie").split(";")[0];
  try {
    const admin = await signup(adminEmail, "Bench admin");
    const accounts = [];
    for (let i = 0; i < ACCOUNTS; i++) accounts.push(await signup(`bench-reach-${process.pid}-${i}@example.com`, `Reader ${i}`));

    const streams = [];
    const open = (cookie, account) =>
      new Promise((resolve, reject) => {
        const s = { account, bytes: 0, buffer: "", got: new Set() };
        const req = http.get(
          { host: "127.0.0.1", port: server.port, path: "/api/events", agent: false, headers: { accept: "text/event-stream", cookie } },
          (res) => {
            if (res.statusCode !== 200) return reject(new Error(`stream ${res.statusCode}`));
            res.setEncoding("utf8");
            res.on("data", (chunk) => {
              s.bytes += Buffer.byteLength(chunk);
              s.buffer += chunk;
              const frames = s.buffer.split("\n\n");
              s.buffer = frames.pop();
              for (const f of frames) {
                const event = /^event: (.+)$/m.exec(f)?.[1];
                const data = /^data: (.+)$/m.exec(f)?.[1];
                if (event && data) s.got.add(`${event} ${JSON.parse(data).id}`);
                if (event === "announcement-reach") s.lastReach = JSON.parse(data);
              }
            });
            resolve(s);
          },
        );
        req.on("error", reject);
        s.req = req;
      });
    for (let i = 0; i < STREAMS; i++) streams.push(await open(accounts[i % ACCOUNTS], i % ACCOUNTS));
    const adminStream = await open(admin, -1);
    const all = [...streams, adminStream];
    await sleep(1000);

    const waitFor = async (check, what) => {
      const deadline = Date.now() + 60_000;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(20);
      }
    };
    const results = { plain: [], reach: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of ["plain", "reach"]) {
        const bytes0 = all.reduce((n, s) => n + s.bytes, 0);
        const cpu0 = cpuMs(server.child.pid);
        const started = performance.now();
        const { body: a } = await request("POST", "/api/admin/announcements", admin, {
          title: `bench reach ${round} ${mode}`,
          severity: "info",
          audience: "users",
          requiresAck: mode === "reach",
        });
        await waitFor(() => streams.every((s) => s.got.has(`announcement ${a.id}`)), "delivery");
        let requests = 0;
        if (mode === "reach") {
          // Every tab reports it seen, then each account acknowledges once (8 requests in flight).
          const jobs = [
            ...streams.map((s) => () => request("POST", "/api/announcements/seen", accounts[s.account], { ids: [a.id] })),
            ...accounts.map((c) => () => request("POST", `/api/announcements/${a.id}/ack`, c)),
          ];
          requests = jobs.length;
          let next = 0;
          await Promise.all(
            Array.from({ length: 8 }, async () => {
              while (next < jobs.length) await jobs[next++]();
            }),
          );
          await waitFor(
            () => adminStream.lastReach?.id === a.id && adminStream.lastReach.acknowledged === ACCOUNTS && adminStream.lastReach.seen === ACCOUNTS,
            "the figures on the admin stream",
          );
        }
        await sleep(SETTLE_MS);
        results[mode].push({
          cpuMs: cpuMs(server.child.pid) - cpu0,
          bytes: all.reduce((n, s) => n + s.bytes, 0) - bytes0,
          requests,
          wallMs: performance.now() - started - SETTLE_MS,
        });
        await request("DELETE", `/api/admin/announcements/${a.id}`, admin);
        await sleep(500);
      }
    }
    const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const summary = Object.fromEntries(
      Object.entries(results).map(([mode, rs]) => [
        mode,
        {
          cpuMs: median(rs.map((r) => r.cpuMs)),
          bytes: median(rs.map((r) => r.bytes)),
          bytesPerStream: Math.round(median(rs.map((r) => r.bytes)) / STREAMS),
          requests: rs[0].requests,
          wallMs: Math.round(median(rs.map((r) => r.wallMs))),
        },
      ]),
    );
    console.log(
      JSON.stringify(
        { streams: STREAMS, accounts: ACCOUNTS, rounds: ROUNDS, mode: server.mode, cpus: os.cpus().length, summary, rounds_detail: results },
        null,
        2,
      ),
    );
    for (const s of all) s.req.destroy();
  } finally {
    await server.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
