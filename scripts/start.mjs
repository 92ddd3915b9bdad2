#!/usr/bin/env node
// `npm start`: builds the Next.js pages when they are missing or older than the sources, then runs
// the one Node process (server/index.ts) that serves everything on one port.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildServerIfNeeded, newestMtime } from "./build-server.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildId = path.join(root, ".next", "BUILD_ID");
const sources = ["app", "components", "lib", "public", "next.config.js", "postcss.config.mjs", "package-lock.json"];

export function needsBuild() {
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return sources.some((s) => newestMtime(path.join(root, s)) > built);
}

export function buildIfNeeded() {
  if (!needsBuild()) return;
  console.log("Building the web pages (first start takes a minute or two)…");
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) {
    console.error("The build failed; see the messages above. Fix the error and run `npm start` again.");
    process.exit(result.status ?? 1);
  }
  console.log(`Build finished in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildIfNeeded();
  // The server runs compiled (about a second to build, and 50 MiB less memory than the tsx loader).
  const serverBundle = await buildServerIfNeeded("server");
  // Each event stream and editor holds a file descriptor, and the usual soft limit (1,024) is far
  // below the 20,000 streams one process can hold: raise it to the hard limit where the system
  // allows (a shell's `ulimit`, since Node cannot set resource limits itself).
  const [command, args] = fs.existsSync("/bin/sh")
    ? ["/bin/sh", ["-c", 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"', process.execPath, serverBundle]]
    : [process.execPath, [serverBundle]];
  const server = spawn(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...process.env },
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
