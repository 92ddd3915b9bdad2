// Preloaded into every server under test (`node --require`): the server's own event-loop delay and
// garbage-collection pauses, so a latency tail can be pinned on the server (its loop was blocked) or
// on the machine (it was not). On SIGUSR2 it prints what it saw since the previous signal as one
// `@@loop {...}` line on stderr and starts over; the harness reads it around each timed step
// (lib/proc.mjs). On SIGWINCH it runs a full garbage collection (the server runs with --expose-gc)
// and answers `@@gc {}`: RSS read after it reflects live memory rather than where the collector happened
// to be.
const { monitorEventLoopDelay, PerformanceObserver } = require("node:perf_hooks");
const { isMainThread } = require("node:worker_threads");

// Worker threads inherit `--require`: only the main thread is probed (a second sampling timer would
// bill a server with a worker thread twice).
if (isMainThread) startProbe();

function startProbe() {
  // Node's default sampling interval: a finer one costs every server about 1 % of a core.
  const RESOLUTION_MS = 10;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let gc = { pauses: 0, totalMs: 0, maxMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.pauses++;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
    }
  }).observe({ entryTypes: ["gc"] });

  const round = (ms) => Math.round(ms * 100) / 100;
  // Node records each sampling timer's whole interval; the delay is what exceeds it.
  const delay = (ns) => round(Math.max(0, ns / 1e6 - RESOLUTION_MS));

  process.on("SIGUSR2", () => {
    const loop =
      histogram.count === 0
        ? { p50: 0, p99: 0, max: 0 }
        : { p50: delay(histogram.percentile(50)), p99: delay(histogram.percentile(99)), max: delay(histogram.max) };
    const reading = { ...loop, gcPauses: gc.pauses, gcTotalMs: round(gc.totalMs), gcMaxMs: round(gc.maxMs) };
    process.stderr.write(`\n@@loop ${JSON.stringify(reading)}\n`);
    histogram.reset();
    gc = { pauses: 0, totalMs: 0, maxMs: 0 };
  });
  process.on("SIGWINCH", () => {
    globalThis.gc?.();
    process.stderr.write(`\n@@gc {}\n`);
  });
}
