// Seeded HTTP fuzzing against a server in its own process: random paths, methods, headers and bodies.
// Short inside `npm test`; HARDENING_LONG=1 runs the long size. Failing seeds are printed in the form
// cases.ts keeps; HARDENING_SEED=<n> replays a whole run.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LONG, runSeed } from "../support/prng";
import { NAMED_CASES } from "./cases";
import { httpCase, PAGE_ROUTES, type HttpContext } from "./httpGen";
import { judgeHttp, sendRaw } from "./httpSend";
import { report } from "./oracle";
import { crashed, fuzzRun } from "./run";
import { FuzzTarget } from "./target";

const PLAN = LONG ? { batches: 40, perBatch: 1_000 } : { batches: 5, perBatch: 400 };
const PAGE_PLAN = LONG ? { batches: 10, perBatch: 1_000 } : { batches: 2, perBatch: 300 };
const TIMEOUT_MS = 5_000;

let target: FuzzTarget;

beforeAll(async () => {
  target = await FuzzTarget.start();
}, 60_000);

/** Read per input: a restart after a crash moves the server to a new port. */
function context(): HttpContext {
  const { hostname, port } = target.host;
  return {
    victimDocId: target.victim.docId,
    playgroundId: target.playgroundId,
    other: target.userIds,
    cookies: target.fuzzers.map((f) => f.cookie),
    origin: target.url,
    host: `${hostname}:${port}`,
  };
}

afterAll(async () => {
  await target?.stop();
});

async function one(seed: number, routes?: typeof PAGE_ROUTES) {
  const c = httpCase(seed, context(), LONG ? 4 * 1024 * 1024 : 1024 * 1024, routes);
  const answer = await sendRaw(target.host, c, TIMEOUT_MS);
  return { problems: judgeHttp(c, answer), label: c.label.join(" ") };
}

describe("HTTP fuzzing", () => {
  const named = NAMED_CASES.filter((c) => c.channel === "http");
  test.runIf(named.length > 0).each(named)("named case: $name (seed $seed)", async (c) => {
    const { problems, label } = await one(c.seed);
    expect(label, "the generator changed: this seed now makes another input; re-find it").toBe(c.label);
    problems.push(...(await crashed(target)));
    expect(problems, label).toEqual([]);
  });

  test(`seeded run (${PLAN.batches} × ${PLAN.perBatch} requests)`, { timeout: LONG ? 3_600_000 : 120_000 }, async () => {
    const seed = runSeed(0x5eed_0001);
    const started = Date.now();
    const { inputs, failures } = await fuzzRun(target, { channel: "http", runSeed: seed, ...PLAN, concurrency: 8, maxFailures: 30 }, one);
    console.log(`HTTP fuzz: ${inputs} requests, run seed ${seed}, ${failures.length} failures, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(failures, `failing inputs (keep them in test/hardening/fuzz/cases.ts):\n${report(failures)}\n`).toEqual([]);
  });

  test(`seeded run over the nested-pages routes (${PAGE_PLAN.batches} × ${PAGE_PLAN.perBatch} requests)`, { timeout: LONG ? 1_800_000 : 120_000 }, async () => {
    const seed = runSeed(0x5eed_0016);
    const { inputs, failures } = await fuzzRun(target, { channel: "http", runSeed: seed, ...PAGE_PLAN, concurrency: 8, maxFailures: 30 }, (s) =>
      one(s, PAGE_ROUTES),
    );
    console.log(`HTTP fuzz (pages): ${inputs} requests, run seed ${seed}, ${failures.length} failures`);
    expect(failures, `failing inputs:\n${report(failures)}\n`).toEqual([]);
  });

  // Long run only: starting the server process again costs 15-20 s on a busy 2-core machine.
  test.runIf(LONG)("after the fuzzing, a restarted server opens the victim's document exactly as it was", { timeout: 120_000 }, async () => {
    await target.restart();
    expect(await target.check()).toEqual([]);
  });
});
