// Whatever throws while the server answers (here: the page handler, which is Next's in production)
// ends in an answer or a closed socket, never a connection left hanging.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { loadConfig } from "../../server/config";
import { startTandem, type Tandem } from "../../server/app";
import { get, openDescriptors } from "./rawHttp";

let tandem: Tandem;
let port: number;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-test-"));
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  tandem = await startTandem(config, {
    next: {
      async request(req, res) {
        if (req.url === "/rejects") throw new Error("page handler failed");
        if (req.url === "/throws-after-headers") {
          res.writeHead(200, { "content-type": "text/html" });
          res.write("<p>half");
          throw new Error("failed mid-page");
        }
        if (req.url === "/throws-sync") return (null as unknown as { x(): Promise<void> }).x();
        res.end("ok");
      },
    },
  });
  port = (tandem.httpServer.address() as AddressInfo).port;
});
afterAll(async () => {
  await tandem.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("a page handler that rejects gets a 500 with the usual JSON error, no stack", async () => {
  for (const p of ["/rejects", "/throws-sync"]) {
    const res = await get(port, p);
    expect(res.status, p).toBe(500);
    expect(JSON.parse(res.body)).toEqual({ error: { code: "internal", message: expect.stringMatching(/try again/) } });
    expect(res.body).not.toMatch(/at .*\.ts/);
  }
});

test("one that fails after sending headers has its socket closed", async () => {
  const res = await get(port, "/throws-after-headers");
  expect(res.status).toBe(200);
  expect(res.closed).toBe(true);
});

test("200 failures in a row leave no connection or descriptor behind", async () => {
  await get(port, "/rejects");
  const baseline = openDescriptors();
  for (let i = 0; i < 200; i += 20) {
    await Promise.all(Array.from({ length: 20 }, (_, j) => get(port, (i + j) % 2 ? "/rejects" : "/throws-after-headers")));
  }
  expect((await get(port, "/healthz")).status).toBe(200);
  await expect.poll(() => new Promise((r) => tandem.httpServer.getConnections((_e, n) => r(n))), { timeout: 5_000 }).toBe(0);
  await expect.poll(() => openDescriptors() - baseline, { timeout: 5_000 }).toBeLessThanOrEqual(2);
});
