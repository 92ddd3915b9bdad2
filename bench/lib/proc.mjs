// Child processes for servers under test: start, wait until the port answers, read RSS and CPU
// from /proc, stop gracefully or with SIGKILL.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import { fileURLToPath } from "node:url";

const LOOP_PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), "loop-probe.cjs");

export async function freePort(host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForPort(port, host, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early with code ${child.exitCode}`);
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, host, () => (s.destroy(), resolve(true)));
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not listen on ${host}:${port} within ${timeoutMs} ms`);
}

const PAGE = 4096;
const TICKS = 100; // USER_HZ on Linux

/** Resident set size of a process in bytes (0 once it is gone). */
export function rssBytes(pid) {
  try {
    const statm = fs.readFileSync(`/proc/${pid}/statm`, "utf8").split(" ");
    return Number(statm[1]) * PAGE;
  } catch {
    return 0;
  }
}

/** User + system CPU time a process has used, in ms (all its threads). */
export function cpuMs(pid) {
  return statCpuMs(`/proc/${pid}/stat`);
}

/**
 * CPU time of the process's main thread (its event loop), in ms. The rest of cpuMs() is its other
 * threads: garbage collection helpers, libuv's pool, Tandem's SQLite log thread.
 */
export function mainThreadCpuMs(pid) {
  return statCpuMs(`/proc/${pid}/task/${pid}/stat`);
}

function statCpuMs(file) {
  try {
    const stat = fs.readFileSync(file, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  } catch {
    return 0;
  }
}

// Servers die with the benchmark, even when it is interrupted.
const live = new Set();
process.on("exit", () => live.forEach((c) => c.kill("SIGKILL")));
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => process.exit(130));
export function killOnExit(child) {
  live.add(child);
  child.once("exit", () => live.delete(child));
}

/** Spawns a server and resolves once it accepts TCP connections. */
export async function startProcess({ command = process.execPath, args, env, cwd, port, host = "127.0.0.1", name }) {
  // Every Node server gets the event-loop probe (the same small cost for each).
  const probed = command === process.execPath;
  const child = spawn(command, probed ? ["--expose-gc", "--require", LOOP_PROBE, ...args] : args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  killOnExit(child);
  let output = "";
  const keep = (d) => {
    output = (output + d.toString()).slice(-4000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const answers = { loop: [], gc: [] }; // callers waiting for the probe's next line of each kind
  let stderrTail = "";
  child.stderr.on("data", (d) => {
    const lines = (stderrTail + d.toString()).split("\n");
    stderrTail = lines.pop();
    for (const line of lines) {
      const probeLine = /^@@(loop|gc) (.*)$/.exec(line);
      if (probeLine) answers[probeLine[1]].shift()?.(JSON.parse(probeLine[2]));
    }
  });
  // BENCH_SERVER_LOG_DIR=/tmp/x keeps each server's whole output (e.g. with --trace-gc in BENCH_TANDEM_NODE_ARGS).
  if (process.env.BENCH_SERVER_LOG_DIR) {
    const file = fs.createWriteStream(path.join(process.env.BENCH_SERVER_LOG_DIR, `${name}-${child.pid}.log`));
    child.stdout.pipe(file);
    child.stderr.pipe(file);
  }
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  try {
    await waitForPort(port, host, child);
  } catch (e) {
    child.kill("SIGKILL");
    throw new Error(`${name}: ${e.message}\n${output}`);
  }
  function ask(kind, signal) {
    if (!probed || child.exitCode !== null || child.signalCode !== null) return Promise.resolve(null);
    return new Promise((resolve) => {
      const answer = (reading) => (clearTimeout(timer), resolve(reading));
      const timer = setTimeout(() => {
        answers[kind].splice(answers[kind].indexOf(answer), 1); // a late line must not answer the next call
        resolve(null);
      }, 5000);
      answers[kind].push(answer);
      child.kill(signal);
    });
  }
  return {
    pid: child.pid,
    child,
    port,
    host,
    output: () => output,
    rss: () => rssBytes(child.pid),
    cpu: () => cpuMs(child.pid),
    mainThreadCpu: () => mainThreadCpuMs(child.pid),
    /**
     * The server's event-loop delay (p50, p99, max in ms) since the previous call: a reading from
     * lib/loop-probe.cjs. Null when the process has no probe or does not answer within a second.
     */
    loopDelay: () => ask("loop", "SIGUSR2"),
    /** A full garbage collection in the server (lib/loop-probe.cjs), so RSS reflects live memory. */
    collectGarbage: () => ask("gc", "SIGWINCH"),
    async kill(signal = "SIGKILL") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
