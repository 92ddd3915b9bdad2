// Seeded socket.io fuzzing against a server in its own process: raw engine.io frames with random and
// reserved event names, wrong-typed and huge payloads, deep nesting, lone surrogates, missing acks,
// broken packets and binary attachments. Short inside `npm test`; HARDENING_LONG=1 runs the long size.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LONG, runSeed } from "../support/prng";
import { NAMED_CASES } from "./cases";
import { report } from "./oracle";
import { crashed, fuzzRun } from "./run";
import { socketSession } from "./socketGen";
import { playSession } from "./socketSend";
import { FuzzTarget } from "./target";

/** Sessions of 1–5 packets each (3 on average): the long run sends about 66,000 packets, the short one 2,400. */
const PLAN = LONG ? { batches: 22, perBatch: 1_000 } : { batches: 4, perBatch: 200 };
const TIMEOUT_MS = 5_000;

let target: FuzzTarget;
let packets = 0;

beforeAll(async () => {
  // Several accounts: socket.io budgets events per account, and the fuzzer should reach the handlers.
  target = await FuzzTarget.start(5);
}, 60_000);

afterAll(async () => {
  await target?.stop();
});

async function one(seed: number) {
  const ids = { victimDocId: target.victim.docId, playgroundId: target.playgroundId, other: target.userIds };
  const session = socketSession(seed, ids, target.fuzzers.length);
  packets += session.packets.length;
  const problems = await playSession({ url: target.url, origin: target.url, cookies: target.fuzzers.map((f) => f.cookie) }, session, TIMEOUT_MS);
  return { problems, label: `${session.auth} ${session.packets.map((p) => p.label).join(" ")}` };
}

describe("socket.io fuzzing", () => {
  const named = NAMED_CASES.filter((c) => c.channel === "socket.io");
  test.runIf(named.length > 0).each(named)("named case: $name (seed $seed)", async (c) => {
    const { problems, label } = await one(c.seed);
    expect(label, "the generator changed: this seed now makes another input; re-find it").toBe(c.label);
    problems.push(...(await crashed(target)));
    expect(problems, label).toEqual([]);
  });

  test(`seeded run (${PLAN.batches} × ${PLAN.perBatch} sessions)`, { timeout: LONG ? 3_600_000 : 120_000 }, async () => {
    const seed = runSeed(0x5eed_0002);
    const started = Date.now();
    packets = 0;
    const { inputs, failures } = await fuzzRun(target, { channel: "socket.io", runSeed: seed, ...PLAN, concurrency: 8, maxFailures: 30 }, one);
    console.log(
      `socket.io fuzz: ${inputs} sessions, ${packets} packets, run seed ${seed}, ${failures.length} failures, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(failures, `failing inputs (keep them in test/hardening/fuzz/cases.ts):\n${report(failures)}\n`).toEqual([]);
  });
});
