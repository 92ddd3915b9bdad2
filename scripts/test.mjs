#!/usr/bin/env node
// `npm test`: every suite, in order — the type check, the format/lint check, Vitest (unit + integration against real
// servers), then the Playwright end-to-end tests on a production build — and one summary line
// `N passed, N failed`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildIfNeeded } from "./start.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tmp = path.join(root, ".tmp");
fs.mkdirSync(tmp, { recursive: true });
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const onlyUnit = process.argv.includes("--unit") || process.argv.includes("--postgres");

const totals = { passed: 0, failed: 0, skipped: 0 };
const suites = [];

function run(title, command, args, extraEnv = {}) {
  console.log(`\n=== ${title} ===`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  return result.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

// 1. Vitest, on the embedded SQLite default, then on PostgreSQL where one is reachable.
function vitest(label, extraEnv) {
  const jsonFile = path.join(tmp, `vitest-${label}.json`);
  fs.rmSync(jsonFile, { force: true });
  const status = run(
    `Vitest (${label}): unit and integration tests`,
    bin("vitest"),
    ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${jsonFile}`],
    extraEnv,
  );
  const v = readJson(jsonFile);
  if (!v) {
    totals.failed += 1;
    suites.push(`vitest ${label} did not report (exit ${status})`);
    return;
  }
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += v.numPendingTests + v.numTodoTests;
  suites.push(`vitest ${label}: ${v.numPassedTests} passed, ${v.numFailedTests} failed`);
  if (status !== 0 && v.numFailedTests === 0) {
    // A test file that failed to load has no failed tests but still fails the run.
    totals.failed += 1;
    suites.push(`vitest ${label}: a test file failed to load or a hook or unhandled error failed the run (exit ${status})`);
    // Name the files, so a log cut to its last lines still says where to look.
    for (const file of v.testResults ?? []) {
      if (file.status !== "failed") continue;
      const why = String(file.message ?? "")
        .split("\n")[0]
        .slice(0, 300);
      suites.push(`  ${path.relative(root, file.name)}: ${why || "failed (see above)"}`);
    }
  }
}

async function postgresReachable(url) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: `${url}/postgres`, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

// 0. The type check: the tests run TypeScript through a transpiler that does not check types.
{
  const status = run("TypeScript: tsc --noEmit", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
  if (status === 0) {
    totals.passed += 1;
    suites.push("typecheck: passed");
  } else {
    totals.failed += 1;
    suites.push("typecheck: FAILED (see the tsc output above)");
  }
}

// 0b. Format and lint (Biome, biome.json): the same style and rules everywhere.
{
  const status = run("Biome: format and lint check", bin("biome"), ["check", "."]);
  if (status === 0) {
    totals.passed += 1;
    suites.push("biome check: passed");
  } else {
    totals.failed += 1;
    suites.push("biome check: FAILED (run `npx biome check --write .` to apply formatting; see the findings above)");
  }
}

const postgresUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432";
if (!process.argv.includes("--postgres")) vitest("sqlite", {});
if (process.argv.includes("--no-postgres")) {
  suites.push("vitest postgres: not run (--no-postgres)");
} else if (await postgresReachable(postgresUrl)) {
  vitest("postgres", { TEST_POSTGRES_URL: postgresUrl });
} else {
  console.log(`\nPostgreSQL is not reachable at ${postgresUrl}: skipping the PostgreSQL run (set TEST_POSTGRES_URL to point at one).`);
  suites.push("vitest postgres: skipped, no PostgreSQL reachable");
}

// 2. Playwright on a production build
if (!onlyUnit) {
  console.log("\n=== Building the pages for the end-to-end tests ===");
  buildIfNeeded();
  const pwJson = path.join(tmp, "playwright.json");
  fs.rmSync(pwJson, { force: true });
  const pwStatus = run("Playwright: end-to-end tests in Chromium", bin("playwright"), ["test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
  });
  const p = readJson(pwJson);
  if (p?.stats) {
    const passed = p.stats.expected + p.stats.flaky;
    totals.passed += passed;
    totals.failed += p.stats.unexpected;
    totals.skipped += p.stats.skipped;
    const flaky = p.stats.flaky ? ` (${p.stats.flaky} flaky: passed on the retry; see the list above)` : "";
    suites.push(`playwright ${passed} passed, ${p.stats.unexpected} failed${flaky}`);
    if (pwStatus !== 0 && p.stats.unexpected === 0) {
      totals.failed += 1;
      suites.push(`playwright exited with ${pwStatus}`);
    }
  } else {
    totals.failed += 1;
    suites.push(`playwright did not report (exit ${pwStatus})`);
  }
}

console.log(`\n${suites.join("\n")}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
