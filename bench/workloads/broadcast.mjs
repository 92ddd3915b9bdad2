// Workload 6: the seed's claims — one announcement to N clients over SSE, a raw WebSocket and
// socket.io: server memory per connection, bytes on the wire per message and client, delivery
// latency, server CPU per announcement, and the most clients one process holds (up to a cap;
// loopback only). Beside the minimal servers, Tandem's own /api/events (bench/broadcast/tandem.mjs).
import { fork, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, waitForPort, rssBytes, cpuMs, killOnExit } from "../lib/proc.mjs";
import { summarize, thin } from "../lib/stats.mjs";
import { startWorkers } from "../lib/workers.mjs";
import { sleep } from "./session.mjs";
import { costPer, summarizeReadings } from "../lib/noise.mjs";

/** Five RSS readings 200 ms apart: a median and a spread, so a cost inside the noise says so. */
async function rssReadings(pid, settleMs) {
  await sleep(settleMs);
  const values = [];
  for (let i = 0; i < 5; i++) {
    if (i > 0) await sleep(200);
    values.push(rssBytes(pid));
  }
  return summarizeReadings(values);
}
import { startTandemBroadcast } from "../broadcast/tandem.mjs";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "broadcast");
export const KINDS = { sse: "sse-server.mjs", ws: "ws-server.mjs", socketio: "socketio-server.mjs", tandem: "tandem.mjs" };
const HOST = "127.0.0.1";

/** The open-file limit bounds connections per process; stay well below it. */
export function fileLimit() {
  const out = spawnSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" }).stdout.trim();
  return out === "unlimited" ? Infinity : Number(out) || 1024;
}

async function startServer(kind) {
  if (kind === "tandem") return startTandemBroadcast();
  const port = await freePort(HOST);
  const child = fork(path.join(dir, KINDS[kind]), [], {
    execArgv: [],
    env: { ...process.env, HOST, PORT: String(port) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
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
  return { child, port, ask, alive: () => child.exitCode === null && child.signalCode === null, stop: async () => child.kill("SIGKILL") };
}

async function connectMore(workers, kind, server, add) {
  const per = Math.ceil(add / workers.length);
  const results = await Promise.all(workers.map((w) => w.call("connect", { kind, host: HOST, port: server.port, count: per, ...server.connect })));
  return { open: results.reduce((n, r) => n + r.open, 0), failed: results.reduce((n, r) => n + r.failed, 0) };
}

async function measureAt(server, workers, messages) {
  const samples = [];
  let bytes = 0;
  let connections = 0;
  const cpu = [];
  for (let m = 0; m < messages; m++) {
    const messageId = Date.now() * 1000 + m; // unique per message
    const opens = await Promise.all(workers.map((w) => w.call("open")));
    // Server CPU from the order to the last arrival: encoding and writing to every stream.
    const cpu0 = cpuMs(server.child.pid);
    const sent = await server.ask("broadcast", { messageId });
    bytes = sent.bytes === null || bytes === null ? null : bytes + sent.bytes;
    connections = sent.connections;
    const parts = await Promise.all(workers.map((w, i) => w.call("collect", { messageId, expect: opens[i].open })));
    cpu.push(cpuMs(server.child.pid) - cpu0);
    for (const p of parts) samples.push(...p.samples);
    await server.ask("after");
    await sleep(100);
  }
  return {
    connections,
    delivered: samples.length,
    expected: connections * messages,
    // Tandem's bytes are not counted (its sockets are not the bench's to wrap): null.
    bytesPerMessagePerClient: connections && bytes !== null ? Math.round((bytes / messages / connections) * 10) / 10 : null,
    // Clock ticks are 10 ms: the median over the messages, and below one tick it says so.
    serverCpuMsPerMessage: summarize(cpu),
    latencyMs: summarize(samples),
    samples: thin(samples, 2000),
  };
}

export async function broadcast(kind, { sizes, messages, cap, settleMs = 1500 }) {
  const limit = Math.min(cap, Math.floor((fileLimit() - 200) * 0.9));
  const server = await startServer(kind);
  const workers = startWorkers(path.join(dir, "client-worker.mjs"), 2);
  try {
    const baseline = await rssReadings(server.child.pid, settleMs);
    const result = { baselineRssBytes: baseline.rss, at: [], maxHeld: null };
    let open = 0;
    for (const n of sizes) {
      const { open: now, failed } = await connectMore(workers, kind, server, n - open);
      open = now;
      const reading = await rssReadings(server.child.pid, settleMs);
      const m = await measureAt(server, workers, messages);
      const cost = costPer(baseline, reading, Math.max(open, 1));
      result.at.push({
        clients: n,
        connected: open,
        failedConnects: failed,
        rssBytes: reading.rss,
        bytesPerConnection: cost.bytes,
        noiseBytesPerConnection: cost.noiseBytes,
        belowNoise: cost.belowNoise,
        ...m,
      });
    }
    // Most clients held: keep adding in steps until a connect fails, the server dies or the cap.
    const step = Math.max(100, Math.ceil(limit / 10));
    let stopped = "cap";
    while (open < limit) {
      const { open: now, failed } = await connectMore(workers, kind, server, Math.min(step, limit - open));
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
    await server.stop(); // the server closes first, so TIME_WAIT stays off the clients' ports
    await Promise.all(workers.map((w) => w.close()));
  }
}
