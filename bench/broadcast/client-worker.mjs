// Broadcast load generator: holds many SSE / WebSocket / socket.io connections and records, per
// announcement, the delay from the server's send time to arrival (same machine, same epoch clock).
import http from "node:http";
import WebSocket from "ws";
import { io } from "socket.io-client";

const epoch = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const received = new Map(); // announcement id -> latencies
let open = 0;
const handles = [];

function onAnnouncement(payload) {
  const lat = epoch() - payload.t;
  let list = received.get(payload.id);
  if (!list) received.set(payload.id, (list = []));
  list.push(lat);
}

/** Tandem's stream: the announcement's title carries the bench's id and send time (bench/broadcast/tandem.mjs). */
function onTandemFrame(frame) {
  if (!frame.split("\n").includes("event: announcement")) return; // greetings, heartbeats, revocations
  const data = frame.split("\n").find((l) => l.startsWith("data: "));
  const match = data && /^bench (\d+) ([\d.]+)$/.exec(JSON.parse(data.slice(6)).title ?? "");
  if (match) onAnnouncement({ id: Number(match[1]), t: Number(match[2]) });
}

function connectOne(kind, host, port, options) {
  return new Promise((resolve) => {
    const done = (ok) => {
      if (ok) open++;
      resolve(ok);
    };
    if (kind === "sse" || kind === "tandem") {
      const headers = { accept: "text/event-stream", ...options.headers };
      const req = http.get({ host, port, path: options.path ?? "/events", agent: false, headers }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return done(false);
        }
        res.setEncoding("utf8");
        let buffer = "";
        res.on("data", (chunk) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf("\n\n")) !== -1) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (kind === "tandem") onTandemFrame(frame);
            else {
              const data = frame.split("\n").find((l) => l.startsWith("data: "));
              if (data) onAnnouncement(JSON.parse(data.slice(6)));
            }
          }
        });
        res.on("close", () => open--);
        done(true);
      });
      req.on("error", () => done(false));
      handles.push(() => req.destroy());
    } else if (kind === "ws") {
      const ws = new WebSocket(`ws://${host}:${port}/`, { perMessageDeflate: false });
      ws.on("open", () => done(true));
      ws.on("message", (data) => onAnnouncement(JSON.parse(data.toString())));
      ws.on("error", () => done(false));
      ws.on("close", () => open--);
      handles.push(() => ws.terminate());
    } else {
      const socket = io(`http://${host}:${port}`, { transports: ["websocket"], reconnection: false, forceNew: true, timeout: 20_000 });
      socket.on("connect", () => done(true));
      socket.on("connect_error", () => done(false));
      socket.on("announcement", onAnnouncement);
      socket.on("disconnect", () => open--);
      handles.push(() => socket.disconnect());
    }
  });
}

async function connect({ kind, host, port, count, concurrency = 100, path, headers }) {
  let failed = 0;
  for (let i = 0; i < count; i += concurrency) {
    const batch = Math.min(concurrency, count - i);
    const results = await Promise.all(Array.from({ length: batch }, () => connectOne(kind, host, port, { path, headers })));
    failed += results.filter((ok) => !ok).length;
    if (failed > 0) break; // the server (or this process) is out of something: stop here
  }
  return { open, failed };
}

async function collect({ messageId: id, expect, timeoutMs = 10_000 }) {
  const deadline = Date.now() + timeoutMs;
  while ((received.get(id)?.length ?? 0) < expect && Date.now() < deadline) await sleep(5);
  const samples = received.get(id) ?? [];
  received.delete(id);
  return { samples };
}

process.on("message", async (msg) => {
  if (msg.cmd === "close") {
    handles.forEach((h) => h());
    process.send({ type: "closed" }, () => process.exit(0));
    return;
  }
  const result = msg.cmd === "connect" ? await connect(msg) : msg.cmd === "collect" ? await collect(msg) : { open };
  process.send({ type: "result", id: msg.id, result });
});
process.on("disconnect", () => process.exit(0));
