// A loopback "deployment" for the hosted-mode tests: Tandem instances as separate processes on one
// PostgreSQL database and one Redis, behind nginx (deploy/nginx.conf.template) with a self-signed
// certificate, HTTP/2 over TLS. Everything listens on 127.0.0.1 only.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { freePort } from "./redisProcess";

const root = path.resolve(import.meta.dirname, "..", "..");

export function nginxAvailable(): boolean {
  return spawnSync("nginx", ["-v"], { stdio: "ignore" }).status === 0;
}

export class Instance {
  child: ChildProcess | undefined;
  url = "";
  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, ["--import", "tsx", "test/collab/serverProcess.ts"], {
      cwd: root,
      env: { ...process.env, ...this.env, PORT: String(this.port), NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    this.child = child;
    this.url = await new Promise<string>((resolve, reject) => {
      const lines = readline.createInterface({ input: child.stdout! });
      lines.on("line", (line) => {
        const match = /^READY (\S+)/.exec(line);
        if (match) resolve(match[1]);
      });
      child.once("exit", (code) => reject(new Error(`instance on ${this.port} exited early (${code})`)));
    });
  }

  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill(signal);
    });
  }

  /** A Prometheus gauge's value, read straight from this instance (not through the proxy). */
  async metric(name: string): Promise<number> {
    const text = await (await fetch(`${this.url}/metrics`)).text();
    const line = text.split("\n").find((l) => l.startsWith(`${name} `));
    return line ? Number(line.split(" ")[1]) : NaN;
  }
}

export class NginxProxy {
  private child: ChildProcess | undefined;
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-nginx-"));
  port = 0;

  async start(upstreamPorts: number[], port?: number): Promise<void> {
    this.port = port ?? (await freePort());
    const cert = path.join(this.dir, "tls.crt");
    const key = path.join(this.dir, "tls.key");
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert], {
      stdio: "ignore",
    });
    const template = fs.readFileSync(path.join(root, "deploy", "nginx.conf.template"), "utf8");
    const conf = template
      .replaceAll("{{LISTEN}}", String(this.port))
      .replaceAll("{{UPSTREAMS}}", upstreamPorts.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join(" "))
      .replaceAll("{{CERT}}", cert)
      .replaceAll("{{KEY}}", key)
      .replaceAll("{{PREFIX}}", this.dir);
    const confFile = path.join(this.dir, "nginx.conf");
    fs.writeFileSync(confFile, conf);
    this.child = spawn("nginx", ["-p", this.dir, "-c", confFile, "-g", "daemon off;"], { stdio: ["ignore", "ignore", "inherit"] });
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(`https://127.0.0.1:${this.port}/healthz`);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`nginx did not start; see ${this.dir}/error.log`);
  }

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
