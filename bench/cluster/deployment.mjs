// A loopback deployment for the cluster workload: three Tandem instances (the compiled server, each its
// own process) on one fresh PostgreSQL database and one Redis namespace, behind one nginx rendered from
// deploy/nginx.conf.template — the same locations (WebSocket upgrade, SSE unbuffered), over plain HTTP
// so that 10,000 TLS handshakes do not drown the measurement on a 2-core machine.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, killOnExit } from "../lib/proc.mjs";
import { tandem } from "../targets/index.mjs";

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432";
// Redis db 0 with a per-run key prefix: other runs on the same Redis never meet this one.
const REDIS = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

export const ADMIN_EMAIL = "cluster-admin@example.com";

/** Open files one process may hold (soft and hard limit): every client socket is one, through nginx two more. */
export function openFileLimits() {
  const line = fs
    .readFileSync("/proc/self/limits", "utf8")
    .split("\n")
    .find((l) => l.startsWith("Max open files"));
  const [soft, hard] = line?.split(/\s+/).slice(3, 5).map(Number) ?? [1024, 1024];
  return { soft, hard };
}

/** nginx workers, so that none holds more sockets than one process may open (the limit is per process). */
export const NGINX_WORKERS = 2;

export async function freshDatabase() {
  const { default: pg } = await import("pg");
  const name = `tandem_bench_cluster_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: `${POSTGRES}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: `${POSTGRES}/${name}`,
    async drop() {
      const c = new pg.Client({ connectionString: `${POSTGRES}/postgres` });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The repository's nginx template with the bench's ports, plain HTTP and room for many connections. */
function renderNginx({ listen, upstreamPorts, prefix, connections }) {
  // The template already has reuseport, the shared upstream zones and a deep backlog; the bench sets the
  // workers and how many sockets each may hold, up to what one process may open.
  const files = Math.min(openFileLimits().hard, connections + 1000);
  const perWorker = files - 100;
  const template = fs.readFileSync(path.join(rootDir, "deploy", "nginx.conf.template"), "utf8");
  return (
    template
      .replaceAll("{{UPSTREAMS}}", upstreamPorts.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join(" "))
      .replaceAll("{{PREFIX}}", prefix)
      .replace(/listen 127\.0\.0\.1:\{\{LISTEN\}\} ssl http2 /, `listen 127.0.0.1:${listen} `)
      .replace(/\n\s*ssl_certificate[^\n]*/g, "")
      .replace(/worker_connections \d+;/, `worker_connections ${perWorker};`)
      .replace(/^worker_processes auto;/m, `worker_processes ${NGINX_WORKERS};`)
      .replace(/^worker_rlimit_nofile \d+;/m, `worker_rlimit_nofile ${files};`)
      // Which instance served a request, so the bench knows whose clients the killed one held.
      .replace(/proxy_http_version 1\.1;/, "proxy_http_version 1.1;\n    add_header X-Upstream $upstream_addr always;")
  );
}

/** This run's keys (the shared event log and its helpers), so that runs leave the Redis as they found it. */
export async function dropRedisKeys(prefix) {
  const { Redis } = await import("ioredis");
  const redis = new Redis(REDIS, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
  await redis.quit();
}

export async function startDeployment({ instances = 3, connections, log = () => {} }) {
  const database = await freshDatabase();
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-bench-cluster-"));
  const listen = await freePort();
  const ports = [];
  for (let i = 0; i < instances; i++) ports.push(await freePort());
  const redisPrefix = `bench-cluster-${process.pid}-${Date.now().toString(36)}:`;
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: REDIS,
    REDIS_PREFIX: redisPrefix,
    PUBLIC_URL: `http://127.0.0.1:${listen}`,
    SESSION_SECRET: "a-shared-secret-for-every-instance-of-the-cluster-bench",
    ADMIN_EMAILS: ADMIN_EMAIL,
    EVENT_STREAMS_PER_ACCOUNT: "1000000",
    EVENT_STREAMS_PER_ADDRESS: "1000000",
    LOG_LEVEL: process.env.TANDEM_LOG_LEVEL ?? "warn",
  };
  const servers = [];
  try {
    // One first, so that it alone runs the migrations; then the others side by side.
    servers.push(await tandem.start({ port: ports[0], dataDir: fs.mkdtempSync(path.join(prefix, "data-")), env }));
    servers.push(...(await Promise.all(ports.slice(1).map((port) => tandem.start({ port, dataDir: fs.mkdtempSync(path.join(prefix, "data-")), env })))));
  } catch (e) {
    await Promise.all(servers.map((s) => s.kill("SIGKILL")));
    await database.drop();
    throw e;
  }
  const confFile = path.join(prefix, "nginx.conf");
  fs.writeFileSync(confFile, renderNginx({ listen, upstreamPorts: ports, prefix, connections }));
  const nginx = spawn("nginx", ["-p", prefix, "-c", confFile, "-g", "daemon off;"], { stdio: ["ignore", "ignore", "inherit"] });
  killOnExit(nginx);
  const base = `http://127.0.0.1:${listen}`;
  for (let i = 0; ; i++) {
    const up = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 100) throw new Error(`nginx did not start; see ${prefix}/error.log`);
    await new Promise((r) => setTimeout(r, 50));
  }
  log(`cluster: ${instances} instances on ${ports.join(", ")} behind nginx on ${listen}`);
  return {
    base,
    listen,
    servers,
    ports,
    /** Each instance: still running, or how it ended and the last of what it printed. */
    instanceStates() {
      return servers.map((s) => {
        const { exitCode, signalCode } = s.child;
        if (exitCode === null && signalCode === null) return { port: s.port, running: true };
        return { port: s.port, running: false, exitCode, signalCode, tail: s.output().slice(-1500) };
      });
    },
    /** nginx's error log, counted by message (what a 502 was: refused, reset, no live upstreams…). */
    nginxErrors() {
      const counts = {};
      const text = fs.existsSync(path.join(prefix, "error.log")) ? fs.readFileSync(path.join(prefix, "error.log"), "utf8") : "";
      for (const line of text.split("\n").filter(Boolean)) {
        const what = (/\*\d+ (.*?)(?: while |, client:|$)/.exec(line)?.[1] ?? line.slice(20, 100)).replace(/\d+/g, "N");
        counts[what] = (counts[what] ?? 0) + 1;
      }
      return counts;
    },
    async stop() {
      nginx.kill("SIGTERM");
      // A profiled instance (BENCH_TANDEM_NODE_ARGS="--cpu-prof …") writes its profile only when it exits by itself.
      const profiled = process.env.BENCH_TANDEM_NODE_ARGS?.includes("--cpu-prof");
      await Promise.all(servers.map((s) => (profiled ? s.stop() : s.kill("SIGKILL"))));
      await database.drop().catch(() => {});
      await dropRedisKeys(redisPrefix).catch(() => {});
      fs.rmSync(prefix, { recursive: true, force: true });
    },
  };
}
