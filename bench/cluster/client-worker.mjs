// A load-generator process of the cluster workload: holds its share of the event streams and editors,
// types, and answers the parent's questions (bench/lib/workers.mjs protocol).
import { createHash } from "node:crypto";
import { Editor } from "./editors.mjs";
import { StreamClient } from "./streams.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const errors = {};
const streams = [];
const editors = [];
let typing;

async function until(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await sleep(20);
  return check();
}

async function openStreams({ host, port, cookie, count, concurrency = 200 }) {
  for (let i = 0; i < count; i += concurrency) {
    const batch = [];
    for (let j = i; j < Math.min(count, i + concurrency); j++) {
      const s = new StreamClient({ host, port, cookie, errors });
      streams.push(s);
      batch.push(new Promise((resolve) => (s.onServed = resolve)));
      s.connect();
    }
    await Promise.race([Promise.all(batch), sleep(30_000)]);
  }
  return { served: streams.filter((s) => s.served).length };
}

async function openEditors({ docs, perDoc, firstId, concurrency = 50 }) {
  const fresh = [];
  let id = firstId;
  for (const endpoint of docs) for (let i = 0; i < perDoc; i++) fresh.push(new Editor({ id: id++, endpoint, errors }));
  for (let i = 0; i < fresh.length; i += concurrency) {
    const batch = fresh.slice(i, i + concurrency);
    const synced = batch.map((e) => new Promise((resolve) => (e.onSynced = resolve)));
    for (const e of batch) {
      editors.push(e);
      e.connect();
    }
    await Promise.race([Promise.all(synced), sleep(30_000)]);
  }
  return { synced: editors.filter((e) => e.synced).length };
}

function startTyping({ everyMs }) {
  // Each editor types once per `everyMs`, their moments spread evenly over the period.
  let next = 0;
  const tick = Math.max(5, everyMs / Math.max(1, editors.length));
  typing = setInterval(() => {
    const per = Math.max(1, Math.round((editors.length * tick) / everyMs));
    for (let i = 0; i < per; i++) editors[next++ % editors.length].type();
  }, tick);
  return {};
}

function byUpstream(clients, live) {
  const counts = {};
  for (const c of clients) if (live(c)) counts[c.upstream] = (counts[c.upstream] ?? 0) + 1;
  return counts;
}

const status = () => ({
  streamsServed: streams.filter((s) => s.served).length,
  editorsSynced: editors.filter((e) => e.synced).length,
  comebacks: [...streams, ...editors].reduce((n, c) => n + c.outages.length, 0),
  streamsByUpstream: byUpstream(streams, (s) => s.served),
  editorsByUpstream: byUpstream(editors, (e) => e.synced),
  errors,
});

async function settle({ timeoutMs }) {
  clearInterval(typing);
  const done = await until(() => editors.every((e) => e.synced && e.acked === e.seq), timeoutMs);
  return { allAcknowledged: done, unacknowledged: editors.filter((e) => e.acked !== e.seq).length };
}

async function announcements({ count, timeoutMs }) {
  await until(() => streams.every((s) => s.seen.size >= count), timeoutMs);
  let missing = 0;
  let duplicates = 0;
  let streamsIncomplete = 0;
  for (const s of streams) {
    let gaps = 0;
    for (let n = 1; n <= count; n++) {
      const times = s.seen.get(n) ?? 0;
      if (times === 0) gaps++;
      if (times > 1) duplicates += times - 1;
    }
    missing += gaps;
    if (gaps) streamsIncomplete++;
  }
  return { missing, duplicates, streamsIncomplete };
}

function report() {
  const hash = (doc) => createHash("sha1").update(doc.getText("t").toString()).digest("hex");
  return {
    errors,
    streamOutages: streams.flatMap((s) => s.outages),
    streamsStillAway: streams.filter((s) => !s.served).length,
    editorOutages: editors.flatMap((e) => e.outages),
    editorsStillAway: editors.filter((e) => !e.synced).length,
    editors: editors.map((e) => ({ id: e.id, docName: e.endpoint.docName, sent: e.seq, acked: e.acked, hash: hash(e.doc) })),
  };
}

const commands = { openStreams, openEditors, startTyping, status, settle, announcements, report };

process.on("message", async (msg) => {
  if (msg.cmd === "close") {
    clearInterval(typing);
    for (const c of [...streams, ...editors]) c.close();
    process.send({ type: "closed" }, () => process.exit(0));
    return;
  }
  try {
    process.send({ type: "result", id: msg.id, result: await commands[msg.cmd](msg) });
  } catch (error) {
    process.send({ type: "result", id: msg.id, error: String(error?.stack ?? error) });
  }
});
process.on("disconnect", () => process.exit(0));
