// Starts a real Tandem server (without Next pages) on a random port with its own temporary data directory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../server/config";
import { startTandem, type Tandem } from "../../server/app";

export type TestServer = Tandem & { dataDir: string; stop(): Promise<void> };

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-test-"));
  const database = await freshDatabase();
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  const tandem = await startTandem(config);
  return Object.assign(tandem, {
    dataDir,
    async stop() {
      await tandem.close();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** A fresh PostgreSQL database whatever the pass (the hosted mode needs one); undefined when none is reachable. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  try {
    return await freshDatabase(process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432");
  } catch {
    return undefined;
  }
}

/**
 * With TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432, set by `npm run test:pg`), every test
 * server gets its own freshly created PostgreSQL database, dropped afterwards; otherwise SQLite in DATA_DIR.
 */
export async function freshDatabase(base = process.env.TEST_POSTGRES_URL): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  if (!base) return undefined;
  const { default: pg } = await import("pg");
  const name = `tandem_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: `${base}/${name}`,
    async drop() {
      const c = new pg.Client({ connectionString: `${base}/postgres` });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A tiny HTTP client that keeps one account's session cookie, like a browser tab would. */
export class ApiClient {
  cookie = "";

  constructor(
    readonly baseUrl: string,
    private readonly defaultHeaders: Record<string, string> = {},
  ) {}

  async request(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(this.baseUrl + pathname, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...this.defaultHeaders,
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0];
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, body: json, headers: res.headers };
  }

  get = (p: string, h?: Record<string, string>) => this.request("GET", p, undefined, h);
  post = (p: string, b?: unknown, h?: Record<string, string>) => this.request("POST", p, b ?? {}, h);
  patch = (p: string, b?: unknown, h?: Record<string, string>) => this.request("PATCH", p, b ?? {}, h);
  delete = (p: string, h?: Record<string, string>) => this.request("DELETE", p, undefined, h);

  async signup(
    name: string,
    email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Math.random().toString(36).slice(2, 8)}@example.com`,
    password = "correct horse battery",
  ) {
    const res = await this.post("/api/auth/signup", { name, email, password });
    if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...res.body.user, password } as { id: string; email: string; name: string; isAdmin: boolean; password: string };
  }
}
