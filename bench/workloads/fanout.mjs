// Workloads 1 and 2: fan-out latency at a fixed typing rate, and saturation (raise the rate
// until p99 passes the limit).
import { summarize, thin } from "../lib/stats.mjs";
import { withServer, withWorkers, connectDocs } from "./session.mjs";

const perDelivery = (ms, delivered) => (delivered === 0 ? null : Math.round(((ms * 1000) / delivered) * 100) / 100);

async function runRate(server, workers, rate, durationMs, drainMs) {
  await server.loopDelay?.(); // starts a fresh reading
  const cpu0 = server.cpu();
  const main0 = server.mainThreadCpu?.() ?? 0;
  const commits0 = await server.commits?.();
  const parts = await Promise.all(workers.map((w) => w.call("fanout", { rate, durationMs, drainMs })));
  const cpuMs = server.cpu() - cpu0;
  const mainCpuMs = (server.mainThreadCpu?.() ?? 0) - main0;
  const commits = commits0 === undefined ? null : (await server.commits()) - commits0;
  // Was the server's own event loop blocked (its fault), or was the tail made elsewhere (the machine)?
  const serverLoopDelayMs = (await server.loopDelay?.()) ?? null;
  const samples = parts.flatMap((p) => p.samples);
  const sent = parts.reduce((n, p) => n + p.sent, 0);
  const expected = parts.reduce((n, p) => n + p.expected, 0);
  const delivered = parts.reduce((n, p) => n + p.delivered, 0);
  const seconds = Math.max(...parts.map((p) => p.sendSeconds));
  return {
    latencyMs: summarize(samples),
    sent,
    sentPerSecond: Math.round(sent / seconds),
    expectedDeliveries: expected,
    delivered,
    deliveredRatio: expected === 0 ? 1 : delivered / expected,
    serverCpuMs: cpuMs,
    serverCpuUsPerDelivery: perDelivery(cpuMs, delivered),
    // Where it went: the event loop's thread, and every other thread (GC helpers, a database thread).
    serverMainThreadCpuUsPerDelivery: perDelivery(mainCpuMs, delivered),
    serverOtherThreadsCpuUsPerDelivery: perDelivery(cpuMs - mainCpuMs, delivered),
    serverLoopDelayMs,
    // Tandem only: database transactions (group commits) in the run, each one disk sync.
    commitsPerSecond: commits === null ? null : Math.round(commits / seconds),
    samples,
  };
}

export async function fanout(target, { docs, clients, rate, durationMs, warmupMs, drainMs, workers: workerCount, seed, server: shared }) {
  return withServer(
    target,
    async (server) => {
      const endpoints = await server.createDocs(docs);
      return withWorkers(workerCount, async (workers) => {
        const connected = await connectDocs(workers, endpoints, clients, seed);
        await runRate(server, workers, rate, warmupMs, drainMs); // JIT warm-up, discarded
        const run = await runRate(server, workers, rate, durationMs, drainMs);
        return { docs, clientsPerDoc: clients, connected, ratePerWriter: rate, durationMs, ...run, samples: thin(run.samples, 2000) };
      });
    },
    shared,
  );
}

export async function saturation(
  target,
  { docs, clients, startRate, stepFactor = 2, maxSteps, durationMs, warmupMs, p99LimitMs, drainMs, workers: workerCount, seed, server: shared },
) {
  return withServer(
    target,
    async (server) => {
      const endpoints = await server.createDocs(docs);
      return withWorkers(workerCount, async (workers) => {
        await connectDocs(workers, endpoints, clients, seed);
        await runRate(server, workers, startRate, warmupMs, drainMs); // JIT warm-up, discarded
        const steps = [];
        let best = null;
        // Small steps (×1.25 in --full): with doubling, two servers a few per cent apart could only ever
        // come out 1× or 2× apart.
        for (let i = 0; i < maxSteps; i++) {
          const rate = Math.round(startRate * stepFactor ** i);
          const target = rate * docs;
          const step = async (attempt) => {
            const run = await runRate(server, workers, rate, durationMs, drainMs);
            const ok = run.latencyMs.p99 !== null && run.latencyMs.p99 <= p99LimitMs && run.deliveredRatio >= 0.99 && run.sentPerSecond >= 0.9 * target;
            steps.push({
              ratePerWriter: rate,
              targetPerSecond: target,
              attempt,
              sentPerSecond: run.sentPerSecond,
              p99: run.latencyMs.p99,
              deliveredRatio: run.deliveredRatio,
              serverCpuUsPerDelivery: run.serverCpuUsPerDelivery,
              serverLoopDelayMs: run.serverLoopDelayMs,
              ok,
            });
            return { run, ok };
          };
          // A failed step is tried twice more: on a shared 2-core machine one scheduling hiccup of the
          // load generator spoils a p99 (the same rule for every server).
          let { run, ok } = await step(1);
          for (let attempt = 2; !ok && attempt <= 3; attempt++) ({ run, ok } = await step(attempt));
          if (!ok) break;
          best = { updatesPerSecond: run.sentPerSecond, deliveriesPerSecond: Math.round(run.sentPerSecond * (clients - 1)) };
        }
        const capped = steps.at(-1).ok; // every step passed: the load generator ran out of steps first // the load generator ran out of steps first
        return { docs, clientsPerDoc: clients, p99LimitMs, ...(best ?? { updatesPerSecond: 0, deliveriesPerSecond: 0 }), reachedStepCap: capped, steps };
      });
    },
    shared,
  );
}
