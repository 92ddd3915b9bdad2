// The cluster failover workload at a tiny size (bench/workloads/cluster.mjs), so it cannot rot: three
// instances behind nginx, one killed; checks what must hold whatever the speed — every client of the
// killed instance came back, no acknowledged edit lost, every announcement exactly once. No times.
import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";
// @ts-expect-error plain ESM module without types
import { cluster } from "../../bench/workloads/cluster.mjs";
import { freshPostgresDatabase } from "../helpers/server";

const nginx = spawnSync("nginx", ["-v"], { stdio: "ignore" }).status === 0;
const redis = spawnSync("redis-cli", ["ping"], { encoding: "utf8" }).stdout?.trim() === "PONG";

it("kills one of three instances behind nginx and loses nothing", { timeout: 240_000 }, async (ctx) => {
  const postgres = await freshPostgresDatabase();
  await postgres?.drop();
  if (!nginx || !redis || !postgres) return ctx.skip(); // the hosted mode's parts are not all here
  process.env.BENCH_TANDEM_WITHOUT_NEXT = "1";
  const r = await cluster({ streams: 30, editors: 6, docs: 2, announcements: 6, announceEveryMs: 300, typeEveryMs: 1000 }, () => {});
  expect(r.streamRecovery.clients).toBeGreaterThan(0);
  expect(r.editorRecovery.clients).toBeGreaterThan(0);
  expect(r.stillAway).toEqual({ streams: 0, editors: 0 });
  expect(r.otherOutages).toBe(0);
  expect(r.delivery).toEqual({ missing: 0, duplicates: 0, streamsIncomplete: 0 });
  expect(r.edits.acknowledged).toBeGreaterThan(0);
  expect(r.edits.lostAcknowledged).toBe(0);
  expect(r.edits.editorsDiverged).toBe(0);
  expect(r.allServedAgainMs).not.toBeNull();
});
