#!/usr/bin/env node
// Summarises a V8 .cpuprofile: self time per function and per package, heaviest first.
// Usage: node bench/report/top-functions.mjs /tmp/prof/CPU.*.cpuprofile [limit] [--window=A-B]
// --window=25-2: only the samples from 25 s to 2 s before the profile ended (a timed section rather
// than start-up and set-up, which a whole-process profile also holds).
import fs from "node:fs";

const args = process.argv.slice(2);
const window = args
  .find((a) => a.startsWith("--window="))
  ?.slice("--window=".length)
  .split("-")
  .map(Number);
const [file, limitArg] = args.filter((a) => !a.startsWith("--"));
const profile = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
let at = profile.startTime;
profile.samples.forEach((id, i) => {
  at += dt[i] ?? 0;
  const secondsBeforeEnd = (profile.endTime - at) / 1e6;
  if (window && (secondsBeforeEnd > window[0] || secondsBeforeEnd < window[1])) return;
  self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fnTotals = new Map();
const pkgTotals = new Map();
for (const [id, us] of self) {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const where = url.replace(/^file:\/\//, "").replace(/.*node_modules\//, "");
  const key = `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`;
  fnTotals.set(key, (fnTotals.get(key) ?? 0) + us);
  const pkg = !url
    ? functionName
    : url.includes("node_modules/")
      ? url
          .split("node_modules/")
          .pop()
          .split("/")
          .slice(0, url.split("node_modules/").pop().startsWith("@") ? 2 : 1)
          .join("/")
      : url.startsWith("node:")
        ? "node internals"
        : url.includes("/server/") || url.includes("/dist/")
          ? "tandem server/ (dist/)"
          : url;
  pkgTotals.set(pkg, (pkgTotals.get(pkg) ?? 0) + us);
}
const show = (map, n) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`)
    .join("\n");
console.log(
  `total sampled ${(total / 1000).toFixed(0)} ms\n\nby package:\n${show(pkgTotals, 15)}\n\nby function (self time):\n${show(fnTotals, Number(limitArg) || 30)}`,
);
