// Workload 3: server RSS per loaded document and per idle connected client.
import { startWorkers } from "../lib/workers.mjs";
import { withServer, connectDocs, settledRss, costPer, WORKER } from "./session.mjs";

export async function memory(target, { docs, updatesPerDoc, clientSteps, settleMs, workers: workerCount, seed, server: shared }) {
  return withServer(
    target,
    async (server) => {
      const pools = []; // idle clients must stay connected across steps: pools close only at the end
      const pool = () => {
        const workers = startWorkers(WORKER, workerCount);
        pools.push(workers);
        return workers;
      };
      try {
        // Documents are created (over Tandem's HTTP API; a no-op for the peers) before the baseline, so
        // "per loaded document" measures the open room and its client, not the account API's warm-up.
        const endpoints = await server.createDocs(docs);
        const baseline = await settledRss(server, settleMs);
        // Load each document with one client that types a short history.
        const writers = pool();
        await connectDocs(writers, endpoints, 1, seed);
        const rate = 200;
        await Promise.all(writers.map((w) => w.call("fanout", { rate, durationMs: (updatesPerDoc / rate) * 1000, drainMs: 0 })));
        const loaded = await settledRss(server, settleMs);
        const docCost = costPer(baseline, loaded, docs);
        const result = {
          baselineRssBytes: baseline.rss,
          docs,
          updatesPerDoc,
          bytesPerLoadedDoc: docCost.bytes,
          loadedDocNoiseBytes: docCost.noiseBytes,
          loadedDocBelowNoise: docCost.belowNoise,
          clients: [],
        };
        // Then idle clients in steps (e.g. 1,000 then 5,000 in total), spread over the documents.
        let connected = 0;
        for (const total of clientSteps) {
          const perDoc = Math.ceil((total - connected) / docs);
          await connectDocs(pool(), endpoints, perDoc, seed);
          connected += perDoc * docs;
          const reading = await settledRss(server, settleMs);
          const perClient = costPer(loaded, reading, connected);
          result.clients.push({
            idleClients: connected,
            rssBytes: reading.rss,
            bytesPerIdleClient: perClient.bytes,
            noiseBytesPerIdleClient: perClient.noiseBytes,
            belowNoise: perClient.belowNoise,
          });
        }
        return result;
      } finally {
        await Promise.all(pools.flat().map((w) => w.close()));
      }
    },
    shared,
  );
}
