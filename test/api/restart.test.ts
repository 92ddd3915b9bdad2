// Sessions are stored on disk, so they survive a server restart on the same data directory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { loadConfig } from "../../server/config";
import { startTandem } from "../../server/app";
import { ApiClient } from "../helpers/server";

test("a session survives a restart and ADMIN_EMAILS decides who is admin", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-restart-"));
  const env = { PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent", ADMIN_EMAILS: "boss@example.com" } as const;
  let tandem = await startTandem(loadConfig(env));
  const c = new ApiClient(tandem.url);
  const first = await c.signup("Not boss", "first@example.com");
  expect(first.isAdmin).toBe(false);
  const boss = await new ApiClient(tandem.url).signup("Boss", "boss@example.com");
  expect(boss.isAdmin).toBe(true);
  await c.post("/api/documents", { title: "Persisted" });
  await tandem.close();

  tandem = await startTandem(loadConfig(env));
  const again = new ApiClient(tandem.url);
  again.cookie = c.cookie;
  const me = await again.get("/api/me");
  expect(me.status).toBe(200);
  expect(me.body.user.email).toBe("first@example.com");
  expect((await again.get("/api/documents")).body.documents.map((d: { title: string }) => d.title)).toEqual(["Persisted"]);
  // The generated session secret was kept under DATA_DIR.
  expect(fs.existsSync(path.join(dataDir, "session-secret"))).toBe(true);
  await tandem.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
