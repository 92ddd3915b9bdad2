// Workload sizes per profile. "default" finishes in a few minutes on 2 cores; "full" is the issue's
// large sizes; "tiny" is the test-suite run that only checks the harness still works.
export const PROFILES = {
  tiny: {
    workers: 2,
    shareServers: true, // one server per target for workloads 1-4; durability still restarts its own
    parallel: true, // servers measured at the same time: a smoke test of the harness, not a measurement
    settleMs: 300,
    drainMs: 1000,
    fanout: { docs: 2, clients: 3, rate: 20, durationMs: 600, warmupMs: 200 },
    saturation: { docs: 2, clients: 3, startRate: 50, stepFactor: 2, maxSteps: 2, durationMs: 500, warmupMs: 200, p99LimitMs: 50 },
    memory: { docs: 2, updatesPerDoc: 20, clientSteps: [10] },
    coldload: { historyUpdates: 200, repeats: 2, fromDisk: false },
    durability: { streamMs: 500, ackTrials: 3 },
    broadcast: { sizes: [20], messages: 2, cap: 60 },
    storm: { docs: 2, clients: 6, updatesPerDoc: 10 },
    cluster: { streams: 30, editors: 6, docs: 2, announcements: 6, announceEveryMs: 300, typeEveryMs: 1000 },
  },
  default: {
    workers: 2,
    settleMs: 2000,
    drainMs: 3000,
    fanout: { docs: 4, clients: 10, rate: 10, durationMs: 8000, warmupMs: 2000 },
    saturation: { docs: 4, clients: 10, startRate: 20, stepFactor: 1.5, maxSteps: 10, durationMs: 3000, warmupMs: 1500, p99LimitMs: 50 },
    memory: { docs: 20, updatesPerDoc: 100, clientSteps: [200] },
    coldload: { historyUpdates: 10_000, repeats: 5 },
    durability: { streamMs: 3000, ackTrials: 100 },
    broadcast: { sizes: [1000], messages: 5, cap: 2000 },
    storm: { docs: 20, clients: 1000, updatesPerDoc: 100 },
    cluster: { streams: 1000, editors: 100, docs: 20 },
  },
  full: {
    workers: 2,
    settleMs: 3000,
    drainMs: 5000,
    fanout: { docs: 100, clients: 10, rate: 5, durationMs: 20_000, warmupMs: 3000 },
    saturation: { docs: 10, clients: 10, startRate: 40, stepFactor: 1.25, maxSteps: 15, durationMs: 4000, warmupMs: 2000, p99LimitMs: 50 },
    memory: { docs: 100, updatesPerDoc: 100, clientSteps: [1000, 5000] },
    coldload: { historyUpdates: 100_000, repeats: 5 },
    durability: { streamMs: 10_000, ackTrials: 200 },
    broadcast: { sizes: [1000, 10_000], messages: 5, cap: 15_000 },
    storm: { docs: 100, clients: 5000, updatesPerDoc: 100 },
    cluster: { streams: 10_000, editors: 1000, docs: 20 },
  },
};

// Not in the default set (cluster: three instances, nginx, PostgreSQL and Redis; `--only=cluster`).
export const WORKLOADS = ["fanout", "saturation", "memory", "coldload", "durability", "broadcast", "storm"];
