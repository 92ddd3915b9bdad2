// Runs seeded inputs through a channel in batches with a bounded number in flight, checking the
// server after every batch. When the server process dies, the inputs last sent are replayed one by
// one on a restarted server to name the one that killed it; the run then goes on. It stops early once
// enough failures are known (a hanging bug would otherwise spend the whole budget on timeouts).
import { inputSeed } from "../support/prng";
import type { Failure } from "./oracle";
import type { FuzzTarget } from "./target";

export type RunPlan = { channel: string; runSeed: number; batches: number; perBatch: number; concurrency: number; maxFailures: number };
export type OneInput = (seed: number) => Promise<{ problems: string[]; label: string }>;

/** The first lines of a crash's stderr: where it threw and what. */
function crashSummary(stderr: string): string {
  return stderr
    .split("\n")
    .filter((l) => l.trim())
    .slice(0, 8)
    .join(" | ")
    .slice(0, 600);
}

/** After one input: whether it killed the server (then restarted for what comes next). */
export async function crashed(target: FuzzTarget): Promise<string[]> {
  await new Promise((r) => setTimeout(r, 150));
  if (target.exited === undefined) return [];
  return [`crashed the server process: ${crashSummary(await target.restart())}`];
}

/** Replays the suspects, latest first, each alone, until one kills the server again. */
async function findCulprit(target: FuzzTarget, plan: RunPlan, suspects: number[], one: OneInput, failures: Failure[]): Promise<boolean> {
  const first = await target.restart();
  for (const seed of suspects.reverse()) {
    const { label } = await one(seed);
    await new Promise((r) => setTimeout(r, 150));
    if (target.exited === undefined) continue;
    const crash = await target.restart();
    failures.push({ channel: plan.channel, seed, problem: `crashed the server process: ${crashSummary(crash || first)}`, label });
    return true;
  }
  return false;
}

/** Each crash costs restarts and replays; after this many the run has said what it needs to. */
const MAX_CRASHES = 2;

export async function fuzzRun(target: FuzzTarget, plan: RunPlan, one: OneInput): Promise<{ inputs: number; failures: Failure[] }> {
  const failures: Failure[] = [];
  let inputs = 0;
  let crashes = 0;
  for (let b = 0; b < plan.batches && failures.length < plan.maxFailures && crashes < MAX_CRASHES; b++) {
    let next = 0;
    const recent: Array<{ seed: number; start: number; end: number }> = [];
    const worker = async () => {
      while (next < plan.perBatch && failures.length < plan.maxFailures && target.exited === undefined) {
        const seed = inputSeed(plan.runSeed, b * plan.perBatch + next++);
        const entry = { seed, start: performance.now(), end: Infinity };
        recent.push(entry);
        if (recent.length > 4 * plan.concurrency) recent.shift();
        const { problems, label } = await one(seed);
        entry.end = performance.now();
        inputs++;
        if (target.exited !== undefined) return; // the answers of a dying server say nothing
        for (const problem of problems) failures.push({ channel: plan.channel, seed, problem, label });
      }
    };
    await Promise.all(Array.from({ length: plan.concurrency }, worker));
    if (target.exited !== undefined) {
      crashes++;
      // Suspects: what was in flight when the process died, the one that ended closest to the death first.
      const at = target.exitedAt;
      const suspects = recent
        .filter((e) => e.start <= at && e.end >= at - 1_000)
        .sort((x, y) => Math.abs(y.end - at) - Math.abs(x.end - at))
        .map((e) => e.seed);
      if (!(await findCulprit(target, plan, suspects, one, failures)))
        failures.push({
          channel: plan.channel,
          seed: -1,
          problem: `batch ${b + 1}: the server crashed and no single recent input reproduces it`,
          label: "crash",
        });
      continue;
    }
    for (const problem of await target.check())
      failures.push({ channel: plan.channel, seed: -1, problem: `after batch ${b + 1}: ${problem}`, label: "batch check" });
  }
  return { inputs, failures };
}
