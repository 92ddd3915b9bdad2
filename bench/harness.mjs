// Runs the chosen workloads against every available server and writes JSON, Markdown and SVG.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { allTargets, tandemMode } from "./targets/index.mjs";
import { fanout, saturation } from "./workloads/fanout.mjs";
import { memory } from "./workloads/memory.mjs";
import { coldload } from "./workloads/coldload.mjs";
import { durability } from "./workloads/durability.mjs";
import { storm } from "./workloads/storm.mjs";
import { broadcast, KINDS } from "./workloads/broadcast.mjs";
import { cluster } from "./workloads/cluster.mjs";
import { PROFILES, WORKLOADS } from "./sizes.mjs";
import { renderMarkdown } from "./report/markdown.mjs";
import { cdfSvg } from "./report/svg.mjs";

const SEED = 20240611;
const YJS_WORKLOADS = { fanout, saturation, memory, coldload, durability, storm };

export async function runBench({
  profile = "default",
  only = WORKLOADS,
  targets: targetNames,
  fanoutRate,
  fanoutWarmupSeconds,
  outDir,
  command = "npm run bench",
  log = console.log,
} = {}) {
  const base = PROFILES[profile];
  if (!base) throw new Error(`unknown profile ${profile}`);
  if (fanoutRate !== undefined && !(fanoutRate > 0)) throw new Error(`--fanout-rate must be a positive number of updates/s, got ${fanoutRate}`);
  // A total rate (updates/s over all documents) is spread evenly over the profile's writers, one per document.
  if (fanoutWarmupSeconds !== undefined && !(fanoutWarmupSeconds >= 0))
    throw new Error(`--fanout-warmup must be a number of seconds, got ${fanoutWarmupSeconds}`);
  const fanoutSizes = {
    ...base.fanout,
    ...(fanoutRate ? { rate: fanoutRate / base.fanout.docs } : {}),
    ...(fanoutWarmupSeconds !== undefined ? { warmupMs: fanoutWarmupSeconds * 1000 } : {}),
  };
  const sizes = { ...base, fanout: fanoutSizes };
  const chosen = allTargets.filter((t) => !targetNames || targetNames.includes(t.name));
  const skipped = [];
  const targets = chosen.filter((t) => {
    const reason = t.available();
    if (reason) skipped.push({ target: t.name, reason });
    return !reason;
  });
  for (const s of skipped) log(`skipping ${s.target}: ${s.reason}`);

  const run = {
    meta: {
      profile,
      command,
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
      tandemMode: tandemMode(),
      targets: targets.map((t) => t.name),
      targetLabels: targets.map((t) => t.label),
      skipped,
      sizes,
      seed: SEED,
    },
    workloads: {},
  };

  // broadcast and cluster run once each, not per target: they have their own servers.
  const yjsWorkloads = only.filter((name) => name !== "broadcast" && name !== "cluster");
  for (const name of yjsWorkloads) run.workloads[name] = {};
  const runTarget = async (target) => {
    let shared;
    try {
      if (sizes.shareServers) shared = await startShared(target);
      for (const name of yjsWorkloads) {
        log(`${name}: ${target.name}…`);
        try {
          const options = { ...sizes[name], workers: sizes.workers, settleMs: sizes.settleMs, drainMs: sizes.drainMs, seed: SEED };
          run.workloads[name][target.name] = await YJS_WORKLOADS[name](target, name === "durability" ? options : { ...options, server: shared?.server });
        } catch (e) {
          run.workloads[name][target.name] = { error: String(e?.stack ?? e) };
          log(`  ${name} on ${target.name} failed: ${e?.message ?? e}`);
        }
      }
    } finally {
      await shared?.stop();
    }
  };
  const runKind = async (kind) => {
    log(`broadcast: ${kind}…`);
    try {
      run.workloads.broadcast[kind] = await broadcast(kind, { ...sizes.broadcast, settleMs: sizes.settleMs });
    } catch (e) {
      run.workloads.broadcast[kind] = { error: String(e?.stack ?? e) };
      log(`  broadcast over ${kind} failed: ${e?.message ?? e}`);
    }
  };
  const kinds = only.includes("broadcast") ? Object.keys(KINDS) : [];
  if (kinds.length) run.workloads.broadcast = {};
  if (sizes.parallel) {
    // Tiny profile only: the numbers mean nothing there, the point is that every path still runs.
    await Promise.all([...targets.map(runTarget), ...kinds.map(runKind)]);
  } else {
    for (const target of targets) await runTarget(target);
    for (const kind of kinds) await runKind(kind);
  }

  if (only.includes("cluster")) {
    log("cluster: three Tandem instances behind nginx…");
    try {
      run.workloads.cluster = await cluster(sizes.cluster, log);
    } catch (e) {
      run.workloads.cluster = { error: String(e?.stack ?? e) };
      log(`  cluster failed: ${e?.message ?? e}`);
    }
  }

  if (outDir) writeOutputs(run, outDir);
  return run;
}

async function startShared(target) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${target.name}-`));
  const server = await target.start({ dataDir });
  return {
    server,
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function writeOutputs(run, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const stamp = run.meta.date.replace(/[:.]/g, "-");
  const json = JSON.stringify(run, null, 1);
  fs.writeFileSync(path.join(outDir, `${stamp}-${run.meta.profile}.json`), json);
  fs.writeFileSync(path.join(outDir, "latest.json"), json);
  fs.writeFileSync(path.join(outDir, "latest.md"), renderMarkdown(run));
  const fan = run.workloads.fanout ?? {};
  const series = Object.entries(fan)
    .filter(([, r]) => r.samples)
    .map(([name, r]) => ({ name, samples: r.samples }));
  fs.writeFileSync(path.join(outDir, "latest-latency.svg"), cdfSvg("Fan-out latency, send to apply (CDF)", series));
  const bc = run.workloads.broadcast ?? {};
  const bseries = Object.entries(bc)
    .filter(([, r]) => r.at?.length)
    .map(([name, r]) => ({ name: `${name} N=${r.at.at(-1).clients}`, samples: r.at.at(-1).samples }));
  fs.writeFileSync(path.join(outDir, "latest-broadcast.svg"), cdfSvg("Announcement delivery latency (CDF)", bseries));
}
