// Crash durability: edits the server accepted survive `kill -9` shortly after (group commit on disk
// well within the window), and a fresh client after restart sees every one of them.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterAll, expect, test } from "vitest";
import { documentText } from "../../server/collab/documentText";
import { ApiClient } from "../helpers/server";
import { appendParagraph } from "./fakes";
import { closeSession, openProvider, synced, until, type Session } from "./wsClients";

const root = path.resolve(import.meta.dirname, "..", "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-crash-"));
const children: ChildProcess[] = [];
const sessions: Session[] = [];

function startServerProcess(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/collab/serverProcess.ts"], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      const match = /^READY (\S+)/.exec(line);
      if (match) resolve({ child, url: match[1] });
    });
    child.once("exit", (code) => reject(new Error(`server process exited early (${code})`)));
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

afterAll(() => {
  sessions.forEach(closeSession);
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("accepted edits survive kill -9 of the server", { timeout: 120_000 }, async () => {
  const first = await startServerProcess();
  const api = new ApiClient(first.url);
  await api.signup("Durable");
  const doc = await api.post("/api/documents", { title: "Crash test" });
  const token = (await api.post("/api/tokens", { name: "crash" })).body.token.token as string;
  const collabUrl = first.url.replace(/^http/, "ws") + "/collab";

  const writer = openProvider(collabUrl, doc.body.id, token);
  const witness = openProvider(collabUrl, doc.body.id, token);
  sessions.push(writer, witness);
  await Promise.all([synced(writer), synced(witness)]);
  const EDITS = 200;
  for (let i = 0; i < EDITS; i++) {
    appendParagraph(writer.doc, `edit ${i}`);
    if (i % 20 === 0) await new Promise((r) => setTimeout(r, 1)); // several group-commit windows
  }
  // The witness seeing the last edit proves the server applied all of them (it relays in order).
  await until(() => documentText(witness.doc).split("\n").length === EDITS, 20_000, "witness caught up");
  await new Promise((r) => setTimeout(r, 150));
  await killHard(first.child);
  sessions.splice(0).forEach(closeSession);

  const second = await startServerProcess();
  const reader = openProvider(second.url.replace(/^http/, "ws") + "/collab", doc.body.id, token);
  sessions.push(reader);
  await synced(reader);
  const lines = documentText(reader.doc).split("\n");
  expect(lines).toHaveLength(EDITS);
  expect(lines[0]).toBe("edit 0");
  expect(lines[EDITS - 1]).toBe(`edit ${EDITS - 1}`);
  await killHard(second.child);
});
