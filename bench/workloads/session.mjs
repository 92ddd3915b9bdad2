// Shared plumbing for the Yjs workloads: a fresh server in a temp data dir, a pool of load generators.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startWorkers, spread } from "../lib/workers.mjs";
import { costPer, summarizeReadings } from "../lib/noise.mjs";

export const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "workers", "yjs-worker.mjs");
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs fn on a fresh server in a temp data dir, or on `shared` (the tiny profile reuses one per target). */
export async function withServer(target, fn, shared) {
  if (shared) return fn(shared);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${target.name}-`));
  const server = await target.start({ dataDir });
  try {
    return await fn(server, dataDir);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function withWorkers(count, fn) {
  const workers = startWorkers(WORKER, count);
  try {
    return await fn(workers);
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
}

/** Connects `clientsPerDoc` clients to every endpoint, documents spread over the workers. */
export async function connectDocs(workers, endpoints, clientsPerDoc, seed) {
  const buckets = spread(endpoints, workers.length);
  const results = await Promise.all(
    workers.map((w, i) => w.call("connect", { docs: buckets[i].map((endpoint) => ({ endpoint, clients: clientsPerDoc })), seed })),
  );
  return results.reduce((n, r) => n + r.clients, 0);
}

/** RSS after a settle and a GC before each of `readings` readings: their median and spread. */
export async function settledRss(server, ms = 1500, readings = 5) {
  await sleep(ms);
  const values = [];
  for (let i = 0; i < readings; i++) {
    await server.collectGarbage?.();
    await sleep(200);
    values.push(await server.rss());
  }
  return summarizeReadings(values);
}

export { costPer };
