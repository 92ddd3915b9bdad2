// A tiny-size run of the benchmark harness (bench/), so it cannot rot: every workload against every
// server, checked for well-formed results. It never asserts how fast anything was.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM module without types
import { runBench } from "../../bench/harness.mjs";

const benchModules = path.resolve(import.meta.dirname, "..", "..", "bench", "node_modules");
const peersInstalled = fs.existsSync(path.join(benchModules, "@hocuspocus", "server"));
const targets = peersInstalled ? ["tandem", "hocuspocus", "y-websocket"] : ["tandem"];
if (!peersInstalled) console.log("bench/node_modules is absent (run `npm ci --prefix bench`): measuring Tandem only, peers skipped.");

const finite = (v: unknown) => typeof v === "number" && Number.isFinite(v);

function expectLatency(l: { count: number; p50: number; p95: number; p99: number }) {
  expect(l.count).toBeGreaterThan(0);
  expect(l.p50).toBeGreaterThanOrEqual(0);
  expect(l.p95).toBeGreaterThanOrEqual(l.p50);
  expect(l.p99).toBeGreaterThanOrEqual(l.p95);
}

describe("benchmark harness (tiny)", () => {
  it("runs every workload on every server and writes JSON, Markdown and SVG", async () => {
    process.env.BENCH_TANDEM_WITHOUT_NEXT = "1"; // no page build needed; startTandem() as the tests use it
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-test-"));
    try {
      const run = await runBench({ profile: "tiny", targets, outDir, command: "vitest test/bench", log: () => {} });
      expect(run.meta.targets).toEqual(targets);
      const w = run.workloads;
      for (const t of targets) {
        for (const name of ["fanout", "saturation", "memory", "coldload", "durability", "storm"]) {
          expect(w[name][t], `${name} on ${t}`).toBeDefined();
          expect(w[name][t].error, `${name} on ${t}`).toBeUndefined();
        }
        expectLatency(w.fanout[t].latencyMs);
        expect(w.fanout[t].delivered).toBe(w.fanout[t].expectedDeliveries);
        expect(w.fanout[t].connected).toBe(2 * 3);
        expect(w.saturation[t].steps.length).toBeGreaterThan(0);
        expect(finite(w.saturation[t].updatesPerSecond)).toBe(true);
        expect(finite(w.memory[t].bytesPerLoadedDoc)).toBe(true);
        expect(w.memory[t].clients[0].idleClients).toBeGreaterThanOrEqual(10);
        // Each memory cost carries the noise of its readings, so the report can say "below noise".
        expect(w.memory[t].clients[0].noiseBytesPerIdleClient).toBeGreaterThanOrEqual(0);
        expect(typeof w.memory[t].clients[0].belowNoise).toBe("boolean");
        expect(w.coldload[t].consistent).toBe(true);
        expect(w.coldload[t].syncBytes).toBeGreaterThan(0);
        // The connect storm: every client synced, twice (cold and warm).
        for (const phase of ["cold", "warm"] as const) {
          expect(w.storm[t][phase].failed, `storm ${phase} on ${t}`).toBe(0);
          expect(w.storm[t][phase].syncMs.count).toBe(w.storm[t][phase].clients);
          expectLatency(w.storm[t][phase].syncMs);
        }
      }
      // Durability: servers that persist are killed with -9 and restarted on the same data.
      for (const t of targets.filter((x) => x !== "y-websocket")) {
        const d = w.durability[t];
        expect(d.sent).toBeGreaterThan(0);
        expect(d.acknowledged).toBeGreaterThan(0);
        expect(d.lostAcknowledged).toBeGreaterThanOrEqual(0);
        expect(d.lostAcknowledged).toBeLessThanOrEqual(d.acknowledged);
      }
      if (peersInstalled) expect(w.durability["y-websocket"].skipped).toMatch(/memory/);
      for (const kind of ["sse", "ws", "socketio"]) {
        const b = w.broadcast[kind];
        expect(b.error, kind).toBeUndefined();
        expect(b.at[0].delivered).toBe(b.at[0].expected);
        expect(b.at[0].bytesPerMessagePerClient).toBeGreaterThan(200); // the announcement alone is ~250 bytes
        expectLatency(b.at[0].latencyMs);
        expect(b.maxHeld.clients).toBe(b.maxHeld.cap);
      }
      // Tandem's own /api/events, signed in: every announcement reaches every stream.
      const tb = w.broadcast.tandem;
      expect(tb.error, "tandem").toBeUndefined();
      expect(tb.at[0].delivered).toBe(tb.at[0].expected);
      expect(tb.at[0].connected).toBe(tb.at[0].clients);
      expectLatency(tb.at[0].latencyMs);
      expect(tb.at[0].serverCpuMsPerMessage.count).toBe(2);
      expect(tb.maxHeld.clients).toBe(tb.maxHeld.cap);
      const md = fs.readFileSync(path.join(outDir, "latest.md"), "utf8");
      for (const heading of [
        "## 1. Fan-out latency",
        "## 2. Saturation",
        "## 3. Memory",
        "## 4. Cold load",
        "## 5. Durability",
        "## 6. Announcement broadcast",
      ]) {
        expect(md).toContain(heading);
      }
      // A memory cost inside the readings' noise is printed as such, never as a negative size.
      const memorySection = md.slice(md.indexOf("## 3. Memory"), md.indexOf("## 4. Cold load"));
      expect(memorySection).not.toMatch(/\| -\d/);
      expect(md).toMatch(/\| p99 \(ms\) \| [\d.,]+ \|/);
      const svg = fs.readFileSync(path.join(outDir, "latest-latency.svg"), "utf8");
      expect(svg.startsWith("<svg")).toBe(true);
      expect(svg.match(/<polyline/g)?.length).toBe(targets.length);
      const json = fs.readdirSync(outDir).filter((f) => f.endsWith("-tiny.json"));
      expect(json).toHaveLength(1);
      expect(JSON.parse(fs.readFileSync(path.join(outDir, json[0]), "utf8")).meta.profile).toBe("tiny");
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  }, 180_000);
});
