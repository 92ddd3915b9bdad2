#!/usr/bin/env node
// Version history and cold sync: a fresh stock y-websocket client syncs a document of 100,000 updates
// (one typed character each, all still in the update log: the first load, before any compaction) that
// has 1,000 versions, against the same document without history. Opening a document never reads
// versions, so the two should not differ beyond noise. Also prints what history costs in storage:
// bytes per version and per 10,000 updates, next to the log's own bytes for those updates.
//
//   node --import tsx bench/history.mjs                 # SQLite
//   node --import tsx bench/history.mjs --postgres      # PostgreSQL (TEST_POSTGRES_URL or the local one)
//   options: --updates=N (100000) --versions=N (1000) --trials=N (3, each a fresh pair of documents) --out=file.json
//   --compacted: the updates folded into the document's snapshot (the usual state after a room unloads)
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const UPDATES = Number(arg("updates", 100_000));
const VERSIONS = Number(arg("versions", 1_000));
const TRIALS = Number(arg("trials", 3));
const postgres = process.argv.includes("--postgres");
const compacted = process.argv.includes("--compacted");

const { loadConfig } = await import("../server/config.ts");
const { startTandem } = await import("../server/app.ts");
const { clientsOf, encodeClientIds } = await import("../server/history/versionChain.ts");

// ---- one typed history, reused for every document: the log rows and the versions made while typing ----
function typedHistory() {
  const doc = new Y.Doc();
  const updates = [];
  doc.on("update", (u) => updates.push(u));
  const p = new Y.XmlElement("paragraph");
  doc.getXmlFragment("default").push([p]);
  const text = new Y.XmlText();
  p.insert(0, [text]);
  const versions = [];
  let previous;
  const every = Math.max(1, Math.floor(UPDATES / VERSIONS));
  const words = "the quick brown fox jumps over a lazy dog ".split("");
  for (let i = 0; updates.length < UPDATES; i++) {
    text.insert(text.length, words[i % words.length]);
    if (updates.length % every === 0 && versions.length < VERSIONS) {
      const diff = Y.encodeStateAsUpdate(doc, previous); // as server/history/versionStore.ts stores it
      const snapshot = Y.encodeSnapshot(Y.snapshot(doc));
      previous = Y.encodeStateVector(doc);
      versions.push({ diff, snapshot, clientIds: encodeClientIds(clientsOf(diff)) });
    }
  }
  return { updates, versions, chars: text.length, state: Y.encodeStateAsUpdate(doc) };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-bench-history-"));
let database;
if (postgres) {
  const { freshPostgresDatabase } = await import("../test/helpers/server.ts");
  database = await freshPostgresDatabase();
  if (!database) throw new Error("PostgreSQL is not reachable (set TEST_POSTGRES_URL)");
}
const tandem = await startTandem(
  loadConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent", ...(database ? { DATABASE_URL: database.url } : {}) }),
);
const { db, config } = tandem.services;

async function api(method, pathname, body, cookie) {
  const res = await fetch(tandem.url + pathname, {
    method,
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, cookie: res.headers.get("set-cookie")?.split(";")[0], body: await res.json().catch(() => undefined) };
}

/** Milliseconds from opening a stock provider to its first sync, and the text length it received. */
function coldSync(documentId, token) {
  return new Promise((resolve, reject) => {
    const doc = new Y.Doc();
    const started = performance.now();
    const provider = new WebsocketProvider(`${tandem.url.replace(/^http/, "ws")}/collab`, documentId, doc, {
      params: { token },
      WebSocketPolyfill: WebSocket,
      disableBc: true,
    });
    const timer = setTimeout(() => reject(new Error("no sync within 60 s")), 60_000);
    provider.on("sync", (synced) => {
      if (!synced) return;
      const ms = performance.now() - started;
      clearTimeout(timer);
      const chars = doc.getXmlFragment("default").toString().length;
      provider.destroy();
      doc.destroy();
      resolve({ ms, chars });
    });
  });
}

try {
  const signup = await api("POST", "/api/auth/signup", { name: "Bench", email: "bench@example.com", password: "correct horse battery" });
  if (signup.status !== 201) throw new Error(`signup: ${signup.status}`);
  const userId = signup.body.user.id;
  const token = (await api("POST", "/api/tokens", { name: "bench" }, signup.cookie)).body.token.token;

  const history = typedHistory();
  const logBytes = history.updates.reduce((n, u) => n + u.byteLength, 0);
  const versionBytes = history.versions.reduce((n, v) => n + v.diff.byteLength + v.snapshot.byteLength, 0);

  async function seed(withHistory) {
    const id = crypto.randomUUID();
    const title = withHistory ? "With history" : "Without history";
    await db.document.create({ data: { id, title, ownerId: userId, ...(compacted ? { snapshot: new Uint8Array(history.state) } : {}) } });
    await db.membership.create({ data: { documentId: id, userId, role: "owner" } });
    for (let from = 0; !compacted && from < history.updates.length; from += 5_000) {
      await db.documentUpdate.createMany({ data: history.updates.slice(from, from + 5_000).map((u) => ({ documentId: id, data: new Uint8Array(u) })) });
    }
    if (withHistory) {
      const start = Date.now() - history.versions.length * 60_000;
      await db.documentVersion.createMany({
        data: history.versions.map((v, i) => ({
          id: crypto.randomUUID(),
          documentId: id,
          kind: "auto",
          name: null,
          createdAt: new Date(start + i * 60_000),
          diff: new Uint8Array(v.diff),
          snapshot: new Uint8Array(v.snapshot),
          clientIds: v.clientIds,
        })),
      });
    }
    return id;
  }

  const samples = { with: [], without: [] };
  for (let t = 0; t < TRIALS; t++) {
    const [withId, withoutId] = [await seed(true), await seed(false)];
    // Alternate which goes first, so neither always meets a warmer cache.
    const order =
      t % 2 === 0
        ? [
            ["with", withId],
            ["without", withoutId],
          ]
        : [
            ["without", withoutId],
            ["with", withId],
          ];
    for (const [kind, id] of order) {
      const { ms, chars } = await coldSync(id, token);
      if (chars < history.chars) throw new Error(`${kind}: synced ${chars} characters, expected ${history.chars}`);
      samples[kind].push(ms);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const summary = {
    database: config.databaseKind,
    compacted,
    updates: history.updates.length,
    versions: history.versions.length,
    trials: TRIALS,
    coldSyncMs: { withHistory: samples.with, withoutHistory: samples.without, medianWith: median(samples.with), medianWithout: median(samples.without) },
    storage: {
      bytesPerVersion: Math.round(versionBytes / history.versions.length),
      versionBytesPer10kUpdates: Math.round((versionBytes / history.updates.length) * 10_000),
      logBytesPer10kUpdates: Math.round((logBytes / history.updates.length) * 10_000),
    },
    at: new Date().toISOString(),
  };
  const where = compacted ? "folded into the snapshot" : "in the log";
  console.log(`\nCold sync, ${summary.updates} updates ${where}, ${config.databaseKind}, ${TRIALS} trials (median ms)`);
  console.log("| document | cold sync ms (median) | samples |\n| --- | --- | --- |");
  console.log(`| with ${summary.versions} versions | ${summary.coldSyncMs.medianWith.toFixed(0)} | ${samples.with.map((x) => x.toFixed(0)).join(", ")} |`);
  console.log(`| without history | ${summary.coldSyncMs.medianWithout.toFixed(0)} | ${samples.without.map((x) => x.toFixed(0)).join(", ")} |`);
  console.log(
    `storage: ${summary.storage.bytesPerVersion} B per version (diff + snapshot); ${summary.storage.versionBytesPer10kUpdates} B of versions per 10,000 updates (one version per ${Math.floor(UPDATES / VERSIONS)} updates), against ${summary.storage.logBytesPer10kUpdates} B of log for them`,
  );
  const out = arg("out", "");
  if (out) fs.writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
} finally {
  await tandem.close();
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
