// Graceful shutdown on SIGTERM: editing sockets are closed with a code that makes clients reconnect
// (elsewhere, in the hosted mode), event streams end with a short retry hint, pending edits are
// flushed, and the process exits on its own.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { CloseCode } from "../../lib/collab/closeCodes";
import { ApiClient } from "../helpers/server";
import { appendParagraph } from "../collab/fakes";
import { openProvider, synced, until } from "../collab/wsClients";
import { documentText } from "../../server/collab/documentText";
import { Instance } from "./cluster";
import { freePort } from "./redisProcess";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-shutdown-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** A single SQLite instance with one signed-up person editing one document over a collab socket. */
async function instanceWithEditor(env: Record<string, string>, name: string) {
  const instance = new Instance(await freePort(), { DATABASE_URL: "", REDIS_URL: "", ...env });
  await instance.start();
  const api = new ApiClient(instance.url);
  await api.signup(name);
  const doc = (await api.post("/api/documents", { title: "Shutdown" })).body;
  const token = (await api.post("/api/tokens", { name: "t" })).body.token.token;
  const session = openProvider(instance.url.replace(/^http/, "ws") + "/collab", doc.id, token);
  await synced(session);
  return { instance, api, doc, token, session };
}

test("SIGTERM: 1001 to editors, retry to streams, edits flushed, clean exit", { timeout: 120_000 }, async () => {
  const { instance, doc, token, session } = await instanceWithEditor({ DATA_DIR: dataDir }, "Ana");

  const stream = await fetch(`${instance.url}/api/events`);
  const reader = stream.body!.getReader();
  let streamText = "";
  const streamEnded = (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      streamText += decoder.decode(value, { stream: true });
    }
  })();

  appendParagraph(session.doc, "written just before SIGTERM");
  const exited = new Promise<number | null>((resolve) => instance.child!.once("exit", (code) => resolve(code)));
  instance.child!.kill("SIGTERM");
  expect(await exited).toBe(0);
  await streamEnded;
  session.provider.shouldConnect = false; // don't try to reconnect to a server that is gone

  expect(session.closes.map((c) => c.code)).toContain(CloseCode.GoingAway);
  // 500 ms, jittered per stream (server/events/retryJitter.ts) so that streams do not return as one.
  const retry = Number(/retry: (\d+)\n\n$/.exec(streamText)?.[1]);
  expect(retry).toBeGreaterThanOrEqual(250);
  expect(retry).toBeLessThanOrEqual(750);

  // The edit sent right before SIGTERM was flushed: a restarted server has it.
  const again = new Instance(instance.port, { DATA_DIR: dataDir, DATABASE_URL: "", REDIS_URL: "" });
  await again.start();
  const fresh = openProvider(again.url.replace(/^http/, "ws") + "/collab", doc.id, token);
  await synced(fresh);
  await until(() => documentText(fresh.doc).includes("written just before SIGTERM"), 10_000, "flushed edit");
  fresh.provider.destroy();
  session.provider.destroy();
  await again.kill("SIGTERM");
});

test("SHUTDOWN_DRAIN_MS: /readyz says 503 at once while editors and the API keep working, then the usual shutdown", { timeout: 120_000 }, async () => {
  const drainDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-drain-"));
  const { instance, api, session } = await instanceWithEditor({ DATA_DIR: drainDir, SHUTDOWN_DRAIN_MS: "2000" }, "Dana");
  try {
    expect((await fetch(`${instance.url}/readyz`)).status).toBe(200);

    const exited = new Promise<number | null>((resolve) => instance.child!.once("exit", (code) => resolve(code)));
    instance.child!.kill("SIGTERM");
    await until(async () => (await fetch(`${instance.url}/readyz`)).status === 503, 1_500, "readyz to turn 503");
    // Still serving during the drain: the API answers and the editor's socket is open.
    expect((await fetch(`${instance.url}/healthz`)).status).toBe(200);
    expect((await api.post("/api/documents", { title: "Made while draining" })).status).toBe(201);
    expect(session.closes).toEqual([]);
    expect(await exited).toBe(0);
    expect(session.closes.map((c) => c.code)).toContain(CloseCode.GoingAway);
    session.provider.shouldConnect = false;
    session.provider.destroy();
  } finally {
    await instance.kill();
    fs.rmSync(drainDir, { recursive: true, force: true });
  }
});
