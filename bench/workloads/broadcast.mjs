// Workload 6: the seed's claims — one announcement to N clients over SSE, a raw WebSocket and
// socket.io: server memory per connection, bytes on the wire per message and client, delivery
// latency, and the most clients one process holds (up to a cap; loopback only).
import { fork, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, waitForPort, rssBytes, killOnExit } from "../lib/proc.mjs";
import { summarize, thin } from "../lib/stats.mjs";
import { startWorkers } from "../lib/workers.mjs";
import { sleep } from "./session.mjs";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "broadcast");
export const KINDS = { sse: "sse-server.mjs", ws: "ws-server.mjs", socketio: "socketio-server.mjs" };
const HOST = "127.0.0.1";

/** The open-file limit bounds connections per process; stay well below it. */
export function fileLimit() {
  const out = spawnSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" }).stdout.trim();
  return out === "unlimited" ? Infinity : Number(out) || 1024;
}

async function startServer(kind) {
  const port = await freePort(HOST);
  const child = fork(path.join(dir, KINDS[kind]), [], { execArgv: [], env: { ...process.env, HOST, PORT: String(port) }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  killOnExit(child);
  await waitForPort(port, HOST, child);
  let nextId = 1;
  const waiting = new Map();
  child.on("message", (m) => waiting.get(m.id)?.(m));
  const ask = (cmd, extra = {}) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      child.send({ cmd, id, ...extra });
    });
  return { child, port, ask, alive: () => child.exitCode === null && child.signalCode === null };
}

async function connectMore(workers, kind, port, add) {
  const per = Math.ceil(add / workers.length);
  const results = await Promise.all(workers.map((w) => w.call("connect", { kind, host: HOST, port, count: per })));
  return { open: results.reduce((n, r) => n + r.open, 0), failed: results.reduce((n, r) => n + r.failed, 0) };
}

async function measureAt(server, workers, messages) {
  const samples = [];
  let bytes = 0;
  let connections = 0;
  for (let m = 0; m < messages; m++) {
    const messageId = Date.now() * 1000 + m; // unique per message
    const opens = await Promise.all(workers.map((w) => w.call("open")));
    const sent = await server.ask("broadcast", { messageId });
    bytes += sent.bytes;
    connections = sent.connections;
    const parts = await Promise.all(workers.map((w, i) => w.call("collect", { messageId, expect: opens[i].open })));
    for (const p of parts) samples.push(...p.samples);
    await sleep(100);
  }
  return { connections, delivered: samples.length, expected: connections * messages, bytesPerMessagePerClient: connections ? Math.round((bytes / messages / connections) * 10) / 10 : null, latencyMs: summarize(samples), samples: thin(samples, 2000) };
}

export async function broadcast(kind, { sizes, messages, cap, settleMs = 1500 }) {
  const limit = Math.min(cap, Math.floor((fileLimit() - 200) * 0.9));
  const server = await startServer(kind);
  const workers = startWorkers(path.join(dir, "client-worker.mjs"), 2);
  try {
    const baseline = (await sleep(settleMs), rssBytes(server.child.pid));
    const result = { baselineRssBytes: baseline, at: [], maxHeld: null };
    let open = 0;
    for (const n of sizes) {
      const { open: now, failed } = await connectMore(workers, kind, server.port, n - open);
      open = now;
      await sleep(settleMs);
      const rss = rssBytes(server.child.pid);
      const m = await measureAt(server, workers, messages);
      result.at.push({ clients: n, connected: open, failedConnects: failed, rssBytes: rss, bytesPerConnection: Math.round((rss - baseline) / open), ...m });
    }
    // Most clients held: keep adding in steps until a connect fails, the server dies or the cap.
    const step = Math.max(100, Math.ceil(limit / 10));
    let stopped = "cap";
    while (open < limit) {
      const { open: now, failed } = await connectMore(workers, kind, server.port, Math.min(step, limit - open));
      open = now;
      if (!server.alive()) {
        stopped = "server exited";
        break;
      }
      if (failed > 0) {
        stopped = "connections refused";
        break;
      }
    }
    const check = server.alive() ? await server.ask("stats") : { connections: 0 };
    result.maxHeld = { clients: check.connections, cap: limit, stoppedBy: stopped, rssBytes: rssBytes(server.child.pid) };
    return result;
  } finally {
    server.child.kill("SIGKILL"); // the server closes first, so TIME_WAIT stays off the clients' ports
    await Promise.all(workers.map((w) => w.close()));
  }
}
