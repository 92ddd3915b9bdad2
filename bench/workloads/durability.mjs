// Workload 5: stream numbered edits as fast as the server takes them, kill -9 the server mid-stream,
// restart it on the same data, and count which edits another client had already received but are gone.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startWorker } from "../lib/workers.mjs";
import { WORKER, sleep } from "./session.mjs";

export async function durability(target, { streamMs }) {
  if (!target.persistent) return { skipped: "keeps documents in memory only" };
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
