// A Redis server of the test's own, on a free port, that the test may kill and restart (an outage)
// without touching the machine's shared Redis.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export class RedisProcess {
  private child: ChildProcess | undefined;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn("redis-server", ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const s = net.connect(this.port, "127.0.0.1", () => {
          s.end();
          resolve(true);
        });
        s.on("error", () => resolve(false));
      });
      if (up) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("redis-server did not start");
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
  }
}

export function redisServerAvailable(): boolean {
  try {
    return spawnSyncOk("redis-server", ["--version"]);
  } catch {
    return false;
  }
}

import { spawnSync } from "node:child_process";
function spawnSyncOk(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: "ignore" }).status === 0;
}

/**
 * What the hosted mode runs on: a fresh PostgreSQL database and a Redis of the test's own.
 * Undefined when either cannot be had here (the test then skips).
 */
export async function startBackingServices(): Promise<{ database: { url: string; drop(): Promise<void> }; redis: RedisProcess } | undefined> {
  if (!redisServerAvailable()) return undefined;
  const { freshPostgresDatabase } = await import("../helpers/server");
  const database = await freshPostgresDatabase();
  if (!database) return undefined; // no PostgreSQL reachable
  const redis = new RedisProcess(await freePort());
  await redis.start();
  return { database, redis };
}
