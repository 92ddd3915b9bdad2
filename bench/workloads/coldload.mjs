// Workload 4: a fresh client syncing a document with a long history — while the document is loaded,
// and (for servers that persist) the first sync after a restart, which reads it from disk.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { summarize } from "../lib/stats.mjs";
import { withWorkers, sleep } from "./session.mjs";

export async function coldload(target, { historyUpdates, repeats, fromDisk = true, seed, server: shared }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${target.name}-`));
  const reuse = shared && !fromDisk;
  let server = reuse ? shared : await target.start({ dataDir });
  try {
    const [endpoint] = await server.createDocs(1);
    return await withWorkers(2, async ([writer, reader]) => {
      const written = await writer.call("history", { endpoint, updates: historyUpdates, seed });
      await sleep(500);
      const warm = await reader.call("coldsync", { endpoint, repeats });
      const result = {
        historyUpdates,
        documentChars: written.length,
        loadedMs: summarize(warm.times),
        syncBytes: warm.bytes,
        consistent: warm.text === written.text,
      };
      if (target.persistent && fromDisk) {
        await writer.close();
        await sleep(300);
        await server.stop(); // graceful: each server flushes what it keeps in memory
        server = await target.start({ dataDir, port: server.port });
        const cold = await reader.call("coldsync", { endpoint, repeats: 1 });
        result.fromDiskMs = Math.round(cold.times[0] * 1000) / 1000;
        result.fromDiskConsistent = cold.text === written.text;
      }
      return result;
    });
  } finally {
    if (!reuse) await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
