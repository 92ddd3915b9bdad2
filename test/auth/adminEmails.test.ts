// ADMIN_EMAILS without email verification: the address makes an account administrator only when it
// signs up from the server machine; over the network it is an ordinary account, which the operator
// can promote from the server's shell with the account's password (server/auth/adminCli.ts).
import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";

const root = path.resolve(import.meta.dirname, "..", "..");
let proxied: TestServer;
let direct: TestServer;
beforeAll(async () => {
  [proxied, direct] = await Promise.all([
    startTestServer({ ADMIN_EMAILS: "boss@example.com", TRUST_PROXY: "1" }),
    startTestServer({ ADMIN_EMAILS: "boss@example.com" }),
  ]);
});
afterAll(async () => Promise.all([proxied?.stop(), direct?.stop()]));

const signup = (server: TestServer, headers: Record<string, string>) =>
  new ApiClient(server.url, headers).post("/api/auth/signup", { name: "Boss?", email: "BOSS@example.com", password: "correct horse battery" });

test("the first visitor to register the address over the network is not made administrator", async () => {
  const res = await signup(proxied, { "x-forwarded-for": "203.0.113.7" });
  expect(res.status).toBe(201);
  expect(res.body.user.isAdmin).toBe(false);
});

test("a proxy on this machine (X-Forwarded-For without TRUST_PROXY) is the network, not this machine", async () => {
  const res = await signup(direct, { "x-forwarded-for": "203.0.113.7" });
  expect(res.body.user.isAdmin).toBe(false);
});

test("a sign-up from the server machine itself is", async () => {
  const server = await startTestServer({ ADMIN_EMAILS: "boss@example.com" });
  try {
    expect((await signup(server, {})).body.user.isAdmin).toBe(true);
  } finally {
    await server.stop();
  }
});

function cli(server: TestServer, args: string[], stdin: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", "server/auth/adminCli.ts", ...args],
      { cwd: root, env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: server.services.config.databaseUrl, LOG_LEVEL: "silent" } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, out: stdout + stderr }),
    );
    child.stdin!.end(stdin + "\n");
  });
}

test("the operator promotes the account from the server's shell, only with its password", { timeout: 60_000 }, async () => {
  const me = () => new ApiClient(proxied.url, { "x-forwarded-for": "203.0.113.8" });
  const wrong = await cli(proxied, ["grant", "boss@example.com"], "not the password");
  expect(wrong.code).toBe(1);
  expect(wrong.out).toMatch(/nothing changed/);
  const session = me();
  expect((await session.post("/api/auth/login", { email: "boss@example.com", password: "correct horse battery" })).status).toBe(200);
  expect((await session.get("/api/me")).body.user.isAdmin).toBe(false);
  const right = await cli(proxied, ["grant", "boss@example.com"], "correct horse battery");
  expect(right).toEqual({ code: 0, out: "boss@example.com is now an administrator.\n" });
  expect((await session.get("/api/me")).body.user.isAdmin).toBe(true);
  expect((await session.get("/api/admin/announcements")).status).toBe(200);
});
