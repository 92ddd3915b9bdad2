// Workload 5: stream numbered edits as fast as the server takes them, kill -9 the server mid-stream,
// restart it on the same data, and count which edits another client had already received but are gone;
// then (Tandem) kill -9 trials with durable acknowledgements (`?ack=1`): acknowledged as stored, then missing?
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startWorker } from "../lib/workers.mjs";
import { WORKER, sleep } from "./session.mjs";

export async function durability(target, { streamMs, ackTrials = 0 }) {
  if (!target.persistent) return { skipped: "keeps documents in memory only" };
  const relayed = await relayedDurability(target, { streamMs });
  // Durable acknowledgements are Tandem's (`?ack=1`); the peers' clients would ignore the parameter.
  const trials = Number(process.env.BENCH_ACK_TRIALS ?? ackTrials);
  if (target.name !== "tandem" || trials <= 0) return relayed;
  return { ...relayed, ackTrials: await durableAckTrials(target, { trials }) };
}

/**
 * `trials` times: a client with `?ack=1` types fast into a fresh document, the server is killed
 * (SIGKILL) at a random moment 0.1–1.5 s into the typing and restarted on the same data; every token
 * the server had acknowledged as stored must be there. Counts acknowledged tokens missing (must be 0).
 */
async function durableAckTrials(target, { trials }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${target.name}-acks-`));
  let server = await target.start({ dataDir });
  const port = server.port;
  let streaming;
  const worker = startWorker(WORKER, { onMessage: (m) => m.type === "streaming" && streaming?.() });
  const random = mulberry32(0x5eed);
  const totals = { trials: 0, sent: 0, acknowledged: 0, lostAcknowledged: 0, trialsWithLoss: 0, killAfterMs: [] };
  try {
    for (let trial = 1; trial <= trials; trial++) {
      const [endpoint] = await server.createDocs(1);
      const started = new Promise((r) => (streaming = r));
      const streamed = worker.call("ackStream", { endpoint, trial, maxMs: 30_000 });
      await started;
      const killAfter = Math.round(100 + random() * 1400);
      await sleep(killAfter);
      await server.kill("SIGKILL");
      const { sent, promised } = await streamed;
      server = await target.start({ dataDir, port });
      const { present } = await worker.call("recoverTrial", { endpoint, trial });
      const survived = new Set(present);
      let lost = 0;
      for (let n = 1; n <= promised; n++) if (!survived.has(n)) lost++;
      totals.trials++;
      totals.sent += sent;
      totals.acknowledged += promised;
      totals.lostAcknowledged += lost;
      if (lost > 0) totals.trialsWithLoss++;
      totals.killAfterMs.push(killAfter);
    }
  } finally {
    await worker.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const { killAfterMs, ...rest } = totals;
  return { ...rest, killAfterMsMin: Math.min(...killAfterMs), killAfterMsMax: Math.max(...killAfterMs) };
}

/** A small seeded generator, so kill moments are the same from run to run. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function relayedDurability(target, { streamMs }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${target.name}-`));
  let server = await target.start({ dataDir });
  let streaming;
  const started = new Promise((r) => (streaming = r));
  const worker = startWorker(WORKER, { onMessage: (m) => m.type === "streaming" && streaming() });
  try {
    const [endpoint] = await server.createDocs(1);
    const streamed = worker.call("stream", { endpoint, maxMs: streamMs + 30_000 });
    await started;
    await sleep(streamMs);
    await server.kill("SIGKILL");
    const { sent, seconds, acked } = await streamed;
    server = await target.start({ dataDir, port: server.port });
    const { present } = await worker.call("recover", { endpoint });
    const survived = new Set(present);
    const lost = acked.filter((n) => !survived.has(n));
    return {
      streamedSeconds: Math.round(seconds * 100) / 100,
      sent,
      sentPerSecond: Math.round(sent / seconds),
      acknowledged: acked.length,
      durable: survived.size,
      durablePerSecond: Math.round(survived.size / seconds),
      lostAcknowledged: lost.length,
      lostAcknowledgedRatio: acked.length ? Math.round((lost.length / acked.length) * 10000) / 10000 : 0,
    };
  } finally {
    await worker.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
