// The accept queue the server asks the kernel for. When an instance behind the proxy dies, its clients
// reach the others in one burst while their loops are busy; with Node's default queue (511) the kernel
// dropped and reset them and nginx marked healthy instances down (bench/workloads/cluster.mjs, 10,000
// streams). Read back from the kernel (`ss`: Send-Q of a listening socket is its backlog).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LISTEN_BACKLOG } from "../../server/app";
import { startTestServer, type TestServer } from "../helpers/server";

const ssAvailable = spawnSync("ss", ["-V"], { stdio: "ignore" }).status === 0;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

it("listens with a deep accept queue (up to the kernel's somaxconn)", (ctx) => {
  if (!ssAvailable) return ctx.skip();
  const port = new URL(server.url).port;
  const line = execFileSync("ss", ["-Hltn", `sport = :${port}`], { encoding: "utf8" }).trim();
  const backlog = Number(line.split(/\s+/)[2]);
  const somaxconn = Number(fs.readFileSync("/proc/sys/net/core/somaxconn", "utf8"));
  expect(backlog).toBe(Math.min(LISTEN_BACKLOG, somaxconn));
  expect(backlog).toBeGreaterThan(511);
});
