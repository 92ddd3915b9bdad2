#!/usr/bin/env node
// Search latency: GET /api/search p50/p99 over N documents of realistic length (default 10,000), on the
// embedded SQLite (FTS5) or on PostgreSQL (tsvector + GIN) with --postgres. The documents are seeded
// straight through the database layer (Prisma rows and the search index's own put), not typed, so the
// seeding takes seconds; the timing is of real HTTP requests to a real server (startTandem, no pages).
//
//   node --import tsx bench/search.mjs                      # 10,000 documents, SQLite
//   node --import tsx bench/search.mjs --docs=2000 --postgres
//   options: --docs=N --queries=N (per kind) --seed=N --out=file.json
//   BENCH_SEARCH_PAUSE=ms waits that long after seeding (the database stays up for EXPLAIN ANALYZE).
//
// The searching account is a member of every document (the worst case: every match is visible and ranked).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { percentile as sortedPercentile } from "./lib/stats.mjs";

const percentile = (samples, p) =>
  sortedPercentile(
    [...samples].sort((a, b) => a - b),
    p,
  );

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const DOCS = Number(arg("docs", 10_000));
const QUERIES = Number(arg("queries", 200));
const SEED = Number(arg("seed", 1));
const postgres = process.argv.includes("--postgres");

// ---- a seeded corpus: Zipf-distributed words, paragraphs of 20–80 words, 5–25 paragraphs per document ----
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(SEED);
const COMMON = "the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were".split(" ");
const SYLLABLES = "ka lo mi ne ru sa ti vo pe da gri stan mel tor ven qua bri lex dor fin ham jus kor lin mor nul pra sel tur wex".split(" ");
const VOCABULARY = [...COMMON];
while (VOCABULARY.length < 8_000) {
  const n = 2 + Math.floor(random() * 3);
  let w = "";
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  VOCABULARY.push(w);
}
// Zipf (s = 1): word k drawn with weight 1/k, by inverting the cumulative sum.
const cumulative = [];
let total = 0;
for (let k = 1; k <= VOCABULARY.length; k++) cumulative.push((total += 1 / k));
function word() {
  const x = random() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo];
}
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
function sentence() {
  const words = Array.from({ length: between(6, 18) }, word);
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return `${words.join(" ")}.`;
}
function documentBody() {
  return Array.from({ length: between(5, 25) }, () => Array.from({ length: between(2, 6) }, sentence).join(" ")).join("\n");
}
const title = () => Array.from({ length: between(2, 5) }, word).join(" ");

// ---- the server ----
// A fresh PostgreSQL database, as the tests make one (test/helpers/server.ts).
async function freshPostgres() {
  const { freshPostgresDatabase } = await import("../test/helpers/server.ts");
  const database = await freshPostgresDatabase();
  if (!database) throw new Error("PostgreSQL is not reachable (set TEST_POSTGRES_URL)");
  return database;
}

const { loadConfig } = await import("../server/config.ts");
const { startTandem } = await import("../server/app.ts");
const { createSearchIndex } = await import("../server/search/searchIndex.ts");
const { queryTerms } = await import("../lib/search/highlight.ts");

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-bench-search-"));
const database = postgres ? await freshPostgres() : undefined;
const tandem = await startTandem(
  loadConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent", ...(database ? { DATABASE_URL: database.url } : {}) }),
);
const { db, config } = tandem.services;

async function api(method, pathname, body, cookie) {
  const res = await fetch(tandem.url + pathname, {
    method,
    headers: { ...(body ? { "content-type": "application/json" } : {}), ...(cookie ? { cookie } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, cookie: res.headers.get("set-cookie")?.split(";")[0], body: await res.json().catch(() => undefined) };
}

try {
  const signup = await api("POST", "/api/auth/signup", { name: "Bench", email: "bench@example.com", password: "correct horse battery" });
  if (signup.status !== 201) throw new Error(`signup: ${signup.status}`);
  const cookie = signup.cookie;
  const userId = signup.body.user.id;

  // ---- seeding, through the database layer ----
  const seedStart = performance.now();
  const index = createSearchIndex(db, config.databaseKind);
  const titles = [];
  let chars = 0;
  const BATCH = 500;
  for (let from = 0; from < DOCS; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, DOCS - from) }, () => ({ id: crypto.randomUUID(), title: title(), body: documentBody() }));
    await db.document.createMany({ data: batch.map((d) => ({ id: d.id, title: d.title, ownerId: userId })) });
    await db.membership.createMany({ data: batch.map((d) => ({ documentId: d.id, userId, role: "owner" })) });
    const indexedAt = Date.now() + 60_000; // later than the rows' updatedAt: nothing for the start-up catch-up
    for (const d of batch) {
      await index.put({ documentId: d.id, title: d.title, body: d.body, indexedAt });
      chars += d.body.length;
      if (titles.length < 500) titles.push(d.title);
    }
  }
  const seedMs = performance.now() - seedStart;
  if (process.env.BENCH_SEARCH_PAUSE) {
    console.log(`seeded: ${database?.url ?? dataDir}; user ${userId}; waiting`);
    await new Promise((r) => setTimeout(r, Number(process.env.BENCH_SEARCH_PAUSE)));
  }

  // ---- queries, by kind ----
  const rank = (lo, hi) => () => VOCABULARY[between(lo, hi)];
  const kinds = {
    "common word (top 30)": rank(0, 29),
    "mid-frequency word": rank(100, 1_000),
    "rare word": rank(4_000, 7_999),
    "two words": () => `${VOCABULARY[between(30, 300)]} ${VOCABULARY[between(30, 300)]}`,
    "3-letter prefix": () => VOCABULARY[between(30, 3_000)].slice(0, 3),
    "title words": () => titles[between(0, titles.length - 1)],
  };
  for (let i = 0; i < 20; i++) await api("GET", `/api/search?q=${encodeURIComponent(kinds["mid-frequency word"]())}`, undefined, cookie); // warm up
  const rows = [];
  const all = [];
  for (const [kind, make] of Object.entries(kinds)) {
    const ms = [];
    const dbMs = [];
    let results = 0;
    for (let i = 0; i < QUERIES; i++) {
      const q = make();
      // The database's part alone (the index query, in process), then the whole request.
      const d = performance.now();
      await index.query(userId, queryTerms(q), 20);
      dbMs.push(performance.now() - d);
      const t = performance.now();
      const res = await api("GET", `/api/search?q=${encodeURIComponent(q)}`, undefined, cookie);
      ms.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`search ${q}: ${res.status} ${JSON.stringify(res.body)}`);
      results += res.body.results.length;
    }
    all.push(...ms);
    rows.push({ kind, p50: percentile(ms, 50), p99: percentile(ms, 99), queryP50: percentile(dbMs, 50), meanResults: results / QUERIES });
  }
  const summary = {
    database: config.databaseKind,
    documents: DOCS,
    meanDocumentChars: Math.round(chars / DOCS),
    seedSeconds: +(seedMs / 1000).toFixed(1),
    queries: all.length,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    kinds: rows,
    at: new Date().toISOString(),
  };
  console.log(`\nSearch latency, ${DOCS} documents (mean ${summary.meanDocumentChars} characters), ${config.databaseKind}, seeded in ${summary.seedSeconds} s`);
  console.log("| queries | p50 ms | p99 ms | index query alone, p50 ms | mean results |\n| --- | --- | --- | --- | --- |");
  for (const r of rows) console.log(`| ${r.kind} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.queryP50.toFixed(1)} | ${r.meanResults.toFixed(1)} |`);
  console.log(`| all ${all.length} | ${summary.p50.toFixed(1)} | ${summary.p99.toFixed(1)} | | |`);
  const out = arg("out", "");
  if (out) fs.writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
} finally {
  await tandem.close();
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
