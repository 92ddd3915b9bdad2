#!/usr/bin/env node
// Compiles the Node server (TypeScript in server/, lib/) into one ES module for production, with
// esbuild. Running from sources needs the tsx loader, whose own thread costs about 50 MiB of memory
// per process (measured: 157 vs 106 MiB RSS at start); the bundle runs on plain `node`.
// Packages stay external: they load from node_modules as usual. Worker threads are entries of their
// own, written beside each bundle (the server starts them by a URL relative to itself).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Entry points: the real server, and (for the benchmark) the same server without Next pages. */
export const SERVER_BUNDLES = {
  server: { entry: path.join(root, "server", "index.ts"), out: path.join(root, "dist", "server", "index.mjs") },
  "bench-server": { entry: path.join(root, "bench", "servers", "tandem-server.mjs"), out: path.join(root, "dist", "bench", "tandem-server.mjs") },
};

/** Worker modules every bundle starts, by output name (see server/db/sqliteLogThread.ts). */
const WORKERS = { sqliteLogWorker: path.join(root, "server", "db", "sqliteLogWorker.ts") };

const SOURCES = ["server", "lib", "package-lock.json", path.join("bench", "servers")];

/** Newest modification time under `p` (0 when it does not exist): what decides whether to rebuild. */
export function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** Builds the bundle when it is missing or older than any source; returns its path. */
export async function buildServerIfNeeded(name = "server") {
  const { entry, out } = SERVER_BUNDLES[name];
  const outputs = [out, ...Object.keys(WORKERS).map((name) => path.join(path.dirname(out), `${name}.mjs`))];
  const built = Math.min(...outputs.map((o) => (fs.existsSync(o) ? fs.statSync(o).mtimeMs : 0)));
  if (built > 0 && SOURCES.every((s) => newestMtime(path.join(root, s)) <= built)) return out;
  await build({
    entryPoints: { [path.basename(out, ".mjs")]: entry, ...WORKERS },
    outdir: path.dirname(out),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    packages: "external",
    // Not loaded by default (Node's source-map support costs ~18 MiB per process); run with
    // NODE_OPTIONS=--enable-source-maps for stack traces that point at the TypeScript sources.
    sourcemap: "linked",
    logLevel: "warning",
  });
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  for (const name of process.argv.slice(2).length ? process.argv.slice(2) : ["server"]) {
    console.log(`Built ${path.relative(root, await buildServerIfNeeded(name))}`);
  }
  console.log(`in ${Date.now() - started} ms`);
}
