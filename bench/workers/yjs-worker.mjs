// Load generator process: many headless Yjs clients, driven by the parent over IPC.
// Commands: connect, fanout, history, coldsync, stream, recover, storm, close. Each answers with one message.
import * as Y from "yjs";
import { YClient } from "../lib/yclient.mjs";
import { EditingTrace } from "../lib/trace.mjs";
import { thin, now } from "../lib/stats.mjs";

const SAMPLE_CAP = 50_000; // per worker and run; percentiles stay exact enough, IPC stays small
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let rooms = []; // { writer, readers, trace, sendTimes, seq }

async function connectAll(clients, concurrency = 64) {
  for (let i = 0; i < clients.length; i += concurrency) {
    const batch = clients.slice(i, i + concurrency);
    batch.forEach((c) => c.connect());
    await Promise.all(batch.map((c) => c.synced));
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)))]).finally(
    () => clearTimeout(timer),
  );
}

/** One writer and `clients - 1` readers per document; readers time every writer sequence number. */
async function connect({ docs, seed }) {
  const started = now();
  rooms = docs.map(({ endpoint, clients }, d) => {
    const room = { sendTimes: [], seq: 0, trace: new EditingTrace(seed + d), samples: [], delivered: 0 };
    room.writer = new YClient(endpoint);
    room.readers = Array.from({ length: Math.max(0, clients - 1) }, () => {
      const reader = { lastSeq: 0 };
      reader.client = new YClient(endpoint, {
        onRemoteUpdate: () => {
          const seq = reader.client.doc.getMap("bench").get("s") ?? 0;
          if (seq <= reader.lastSeq) return;
          const t = now();
          for (let k = reader.lastSeq + 1; k <= seq; k++) {
            const sent = room.sendTimes[k];
            if (sent !== undefined) room.samples.push(t - sent);
            room.delivered++;
          }
          reader.lastSeq = seq;
        },
      });
      return reader;
    });
    return room;
  });
  const all = rooms.flatMap((r) => [r.writer, ...r.readers.map((x) => x.client)]);
  await withTimeout(connectAll(all), 120_000, "connecting clients");
  return { clients: all.length, connectMs: now() - started };
}

function writeOnce(room) {
  const seq = ++room.seq;
  const doc = room.writer.doc;
  room.sendTimes[seq] = now();
  doc.transact(() => {
    room.trace.step(doc.getText("t"));
    doc.getMap("bench").set("s", seq);
  });
}

/** Every writer types at `rate` updates/s for `durationMs`; staggered so writers do not fire together. */
async function fanout({ rate, durationMs, drainMs = 3000 }) {
  for (const room of rooms) {
    room.samples = [];
    room.delivered = 0;
    room.firstSeq = room.seq;
  }
  const start = now();
  const sent = rooms.map(() => 0);
  while (now() - start < durationMs) {
    const elapsed = now() - start;
    rooms.forEach((room, i) => {
      const due = Math.floor((elapsed / 1000) * rate + i / rooms.length);
      while (sent[i] < due) {
        writeOnce(room);
        sent[i]++;
      }
    });
    await sleep(1);
  }
  const sendSeconds = (now() - start) / 1000;
  const drainUntil = now() + drainMs;
  const caughtUp = () => rooms.every((room) => room.readers.every((r) => r.lastSeq >= room.seq));
  while (!caughtUp() && now() < drainUntil) await sleep(5);
  const expected = rooms.reduce((n, room) => n + room.readers.length * (room.seq - room.firstSeq), 0);
  const delivered = rooms.reduce((n, room) => n + room.delivered, 0);
  const samples = thin(
    rooms.flatMap((r) => r.samples),
    SAMPLE_CAP,
  );
  return { sent: sent.reduce((a, b) => a + b, 0), sendSeconds, expected, delivered, samples, sampleCount: rooms.reduce((n, r) => n + r.samples.length, 0) };
}

/** A writer that keeps a long history in the server's document and stays connected. */
let historyWriter;
async function history({ endpoint, updates, seed }) {
  historyWriter = new YClient(endpoint).connect();
  await withTimeout(historyWriter.synced, 60_000, "history writer sync");
  const trace = new EditingTrace(seed);
  const text = historyWriter.doc.getText("t");
  for (let i = 0; i < updates; i++) {
    historyWriter.doc.transact(() => trace.step(text));
    if (historyWriter.buffered > 1 << 20) while (historyWriter.buffered > 1 << 18) await sleep(2);
  }
  while (historyWriter.buffered > 0) await sleep(5);
  // Handed to the kernel is not applied by the server: up to several MB can still wait in socket
  // buffers. A probe client watches the server's copy until it holds the whole history, so the timed
  // syncs that follow never race the server's backlog (and a slow server is not reported as lossy).
  const expected = text.toString();
  const probe = new YClient(endpoint).connect();
  try {
    await withTimeout(probe.synced, 120_000, "history probe sync");
    const probeText = probe.doc.getText("t");
    await withTimeout(
      new Promise((resolve) => {
        const check = () => probeText.toString() === expected && resolve();
        probeText.observe(check);
        check();
      }),
      120_000,
      "server catching up with the history",
    );
  } finally {
    probe.close();
  }
  return { updates, length: text.length, text: expected };
}

/** Fresh clients, one at a time: time from opening the socket to having the whole document. */
async function coldsync({ endpoint, repeats }) {
  const times = [];
  let bytes = 0;
  let text = "";
  for (let i = 0; i < repeats; i++) {
    const t0 = now();
    const client = new YClient(endpoint).connect();
    await withTimeout(client.synced, 120_000, "cold sync");
    times.push(now() - t0);
    bytes = client.bytesIn;
    text = client.doc.getText("t").toString();
    client.close();
    await sleep(50);
  }
  return { times, bytes, text };
}

/** Durability: the writer inserts numbered tokens as fast as the socket drains; an observer client
 * records which numbers the server relayed (acknowledged-by-sync). Runs until the server dies. */
async function stream({ endpoint, maxMs }) {
  const writer = new YClient(endpoint).connect();
  const acked = new Set();
  const observer = new YClient(endpoint).connect();
  // Only the inserted text of each change is scanned: the writer appends whole tokens.
  observer.doc.getText("t").observe((event) => {
    for (const op of event.delta) if (typeof op.insert === "string") for (const m of op.insert.matchAll(/\[(\d+)\]/g)) acked.add(Number(m[1]));
  });
  await withTimeout(Promise.all([writer.synced, observer.synced]), 60_000, "stream sync");
  process.send({ type: "streaming" });
  const text = writer.doc.getText("t");
  let seq = 0;
  const start = now();
  let open = true;
  writer.closed.then(() => (open = false));
  while (open && now() - start < maxMs) {
    for (let i = 0; i < 20 && open; i++) text.insert(text.length, `[${++seq}]`);
    await sleep(1);
    while (open && writer.buffered > 1 << 16) await sleep(1);
  }
  await Promise.race([observer.closed, sleep(2000)]);
  writer.close();
  observer.close();
  return { sent: seq, seconds: (now() - start) / 1000, acked: [...acked] };
}

/**
 * Durable acknowledgements: one writer with `?ack=1` types numbered tokens as fast as the socket
 * drains until the server dies; it remembers the highest token in each write frame, so the server's
 * "first n frames stored" says exactly which tokens it promised. Tokens are `[trial:n]`.
 */
async function ackStream({ endpoint, trial, maxMs }) {
  const writer = new YClient({ ...endpoint, url: `${endpoint.url}${endpoint.url.includes("?") ? "&" : "?"}ack=1` }).connect();
  await withTimeout(writer.synced, 60_000, "ack stream sync");
  process.send({ type: "streaming" });
  const text = writer.doc.getText("t");
  const highestByFrame = [0]; // frame number -> highest token in frames up to it
  let seq = 0;
  let open = true;
  writer.closed.then(() => (open = false));
  const start = now();
  while (open && now() - start < maxMs) {
    for (let i = 0; i < 20 && open; i++) {
      const before = writer.writeFrames;
      text.insert(text.length, `[${trial}:${++seq}]`);
      if (writer.writeFrames > before) highestByFrame[writer.writeFrames] = seq; // sent, in that frame
    }
    await sleep(1);
    while (open && writer.buffered > 1 << 16) await sleep(1);
  }
  writer.close();
  // Frames before any token (the step 2 at connect) promise nothing.
  let promised = 0;
  for (let f = Math.min(writer.durableFrames, highestByFrame.length - 1); f >= 0; f--) {
    if (highestByFrame[f] !== undefined) {
      promised = highestByFrame[f];
      break;
    }
  }
  return { sent: seq, promised, seconds: (now() - start) / 1000 };
}

async function recoverTrial({ endpoint, trial }) {
  const client = new YClient(endpoint).connect();
  await withTimeout(client.synced, 60_000, "recovery sync");
  const present = [
    ...client.doc
      .getText("t")
      .toString()
      .matchAll(new RegExp(`\\[${trial}:(\\d+)\\]`, "g")),
  ].map((m) => Number(m[1]));
  client.close();
  return { present };
}

async function recover({ endpoint }) {
  const client = new YClient(endpoint).connect();
  await withTimeout(client.synced, 60_000, "recovery sync");
  const present = [
    ...client.doc
      .getText("t")
      .toString()
      .matchAll(/\[(\d+)\]/g),
  ].map((m) => Number(m[1]));
  client.close();
  return { present };
}

/**
 * A connect storm: every client of every document opens its socket at the same moment (no batching)
 * and is timed from the open call to its first sync step 2. All close again before the answer.
 */
async function storm({ docs }) {
  const started = now();
  // `endpoints`: one per client (each with an account of its own), else `clients` on the one endpoint.
  const clients = docs.flatMap(({ endpoint, clients: n, endpoints }) => (endpoints ?? Array.from({ length: n }, () => endpoint)).map((e) => new YClient(e)));
  const times = new Array(clients.length);
  let failed = 0;
  const done = clients.map((c, i) => {
    const t0 = now();
    c.connect();
    return c.synced.then(
      () => (times[i] = now() - t0),
      () => failed++,
    );
  });
  await withTimeout(Promise.all(done), 120_000, "connect storm");
  const totalMs = now() - started;
  for (const c of clients) c.close();
  await Promise.all(clients.map((c) => c.closed));
  return { clients: clients.length, failed, totalMs, samples: times.filter((t) => t !== undefined) };
}

const commands = { connect, fanout, history, coldsync, stream, recover, ackStream, recoverTrial, storm };

process.on("message", async (msg) => {
  if (msg.cmd === "close") {
    for (const room of rooms) [room.writer, ...room.readers.map((r) => r.client)].forEach((c) => c.close());
    historyWriter?.close();
    process.send({ type: "closed" }, () => process.exit(0));
    return;
  }
  try {
    const result = await commands[msg.cmd](msg);
    process.send({ type: "result", id: msg.id, result });
  } catch (error) {
    process.send({ type: "result", id: msg.id, error: String(error?.stack ?? error) });
  }
});
process.on("disconnect", () => process.exit(0));
void Y;
