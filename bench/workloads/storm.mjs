// Workload 7: a reconnect storm. C clients over D documents open their sockets at the same moment,
// as after an instance died and its editors came back to this one; each is timed from the open call
// to its first sync step 2. The documents hold a short history first. Two storms per server: "cold"
// (documents not loaded: the room loads are shared by everyone waiting for them) and "warm" (right
// after, rooms still open). Server CPU time per storm says what a storm costs beyond the wall clock.
// The bench's clients share one access token (the best case for Tandem's remembered lookups); on
// Tandem a second cold and warm pair follows in which every client has an account of its own.
import { summarize, thin } from "../lib/stats.mjs";
import { startWorkers, spread } from "../lib/workers.mjs";
import { withServer, connectDocs, sleep, WORKER } from "./session.mjs";

const UNLOAD_WAIT_MS = 11_000;

/** `rooms`: per document, `{ endpoint, clients }` (all on one credential) or `{ endpoints }` (one each). */
async function oneStorm(server, workers, rooms) {
  const buckets = spread(rooms, workers.length);
  const cpu0 = server.cpu();
  const parts = await Promise.all(workers.map((w, i) => w.call("storm", { docs: buckets[i] })));
  const cpuMs = server.cpu() - cpu0;
  const samples = parts.flatMap((p) => p.samples);
  return {
    clients: parts.reduce((n, p) => n + p.clients, 0),
    failed: parts.reduce((n, p) => n + p.failed, 0),
    // The storm is over when the slowest worker's last client synced.
    totalMs: Math.round(Math.max(...parts.map((p) => p.totalMs))),
    syncMs: summarize(samples),
    serverCpuMs: Math.round(cpuMs),
    samples: thin(samples, 1000),
  };
}

export async function storm(target, { docs, clients, updatesPerDoc, workers: workerCount, seed, server: shared }) {
  return withServer(
    target,
    async (server) => {
      const endpoints = await server.createDocs(docs);
      const perDoc = Math.ceil(clients / docs);
      // Tandem only (the peers have no accounts): a second pair of storms in which every client is an
      // account of its own, a member of its document, so no two sockets share a credential or a role.
      const ownAccounts = server.distinctAccounts ? await server.distinctAccounts(endpoints, perDoc) : null;
      // A short history in each document, written by one client per document, which then leaves.
      const writers = startWorkers(WORKER, workerCount);
      try {
        await connectDocs(writers, endpoints, 1, seed);
        const rate = 200;
        await Promise.all(writers.map((w) => w.call("fanout", { rate, durationMs: (updatesPerDoc / rate) * 1000, drainMs: 0 })));
      } finally {
        await Promise.all(writers.map((w) => w.close()));
      }
      // Give a persistent server the time to unload the rooms it no longer serves (Tandem: 10 s after
      // the last peer leaves, server/collab/limits.ts), so the first storm loads them again.
      // (A shared server, tiny profile only, skips it: there the harness is checked, not timed.)
      if (!shared) await sleep(UNLOAD_WAIT_MS);
      const stormers = startWorkers(WORKER, workerCount);
      try {
        const oneToken = endpoints.map((endpoint) => ({ endpoint, clients: perDoc }));
        const cold = await oneStorm(server, stormers, oneToken);
        const warm = await oneStorm(server, stormers, oneToken);
        let distinctAccounts = null;
        if (ownAccounts) {
          // The rooms unload again after the last storm's clients left, so this one is cold too.
          if (!shared) await sleep(UNLOAD_WAIT_MS);
          const rooms = ownAccounts.map((list) => ({ endpoints: list }));
          distinctAccounts = { cold: await oneStorm(server, stormers, rooms), warm: await oneStorm(server, stormers, rooms) };
        }
        return { docs, clientsPerDoc: perDoc, updatesPerDoc, cold, warm, distinctAccounts };
      } finally {
        await Promise.all(stormers.map((w) => w.close()));
      }
    },
    shared,
  );
}
