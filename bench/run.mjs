#!/usr/bin/env node
// `npm run bench [-- --full | --tiny] [--only=fanout,memory] [--targets=tandem,hocuspocus] [--fanout-rate=5000] [--fanout-warmup=12]`
// --fanout-rate: the fan-out workload's total updates/s over all its documents (instead of the profile's per-writer rate).
// --fanout-warmup=<seconds>: the fan-out's discarded warm-up (the profile's is 2 s), for every server alike.
// Installs the bench's own dependencies (the peers) on first use, then runs the harness.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) =>
  args
    .find((a) => a.startsWith(`--${name}=`))
    ?.split("=")[1]
    ?.split(",");

if (!fs.existsSync(path.join(benchDir, "node_modules")) && !flag("no-install")) {
  console.log("Installing the benchmark's peers into bench/node_modules (first run only)…");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["ci", "--prefix", benchDir], { stdio: "inherit" });
  if (result.status !== 0) console.log("npm ci failed: the peers will be skipped and only Tandem measured.");
}

// Imported after the install so that the load generators use the bench's own copies.
const { runBench } = await import("./harness.mjs");
const { WORKLOADS } = await import("./sizes.mjs");
const profile = flag("full") ? "full" : flag("tiny") ? "tiny" : "default";
const started = Date.now();
const run = await runBench({
  profile,
  only: option("only") ?? WORKLOADS,
  targets: option("targets"),
  fanoutRate: option("fanout-rate") ? Number(option("fanout-rate")[0]) : undefined,
  fanoutWarmupSeconds: option("fanout-warmup") ? Number(option("fanout-warmup")[0]) : undefined,
  outDir: path.join(benchDir, "results"),
  command: ["npm run bench", ...(args.length ? ["--", ...args] : [])].join(" "),
});
console.log(fs.readFileSync(path.join(benchDir, "results", "latest.md"), "utf8"));
console.log(`Done in ${Math.round((Date.now() - started) / 1000)} s; results in bench/results/ (${run.meta.date}).`);
process.exit(0);
