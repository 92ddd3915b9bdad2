// End-to-end tests: a real Tandem server (API, realtime channels and Next pages on one port) with a
// fresh data directory per run, driven by Chromium.
//
// The server serves a PRODUCTION Next build, so `.next` must exist first: run
//   npx next build && npx playwright test
// (the project's test script builds before it runs Playwright).
import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

// Computed once in the runner and handed to workers through the environment, so every process agrees.
process.env.E2E_DATA_DIR ??= path.join(".tmp", `e2e-${Date.now()}`);
const dataDir = process.env.E2E_DATA_DIR;

// Debian's Chromium where it is installed (Playwright cannot download its own browser here);
// Playwright's bundled browser elsewhere, e.g. on a developer laptop.
const systemChromium = "/usr/bin/chromium";
const executablePath = fs.existsSync(systemChromium) ? systemChromium : undefined;

export default defineConfig({
  testDir: "e2e",
  // Two cores: one browser at a time keeps the server and the browser from starving each other.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // One retry: on two shared cores a browser test can lose a race with the machine, not with the app.
  // A test that passed only on its retry is still reported, as flaky, in the summary line (scripts/test.mjs).
  retries: 1,
  reporter: "list",
  // Generous: the machine is shared, and one test walks a whole two-person story.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          // As root Chromium needs --no-sandbox; the rest keep it from calling home on a closed network.
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    // The compiled server `npm start` runs (rebuilt first when its sources changed).
    command: "node scripts/build-server.mjs server && node dist/server/index.mjs",
    // /login is a Next page: it answers 200 only once the server, the database and Next are all ready.
    url: `${baseURL}/login`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      // Empty means "unset": the run always uses its own SQLite file and a single in-process bus.
      DATABASE_URL: "",
      REDIS_URL: "",
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      // Fixed administrator, so admin specs do not depend on signing up first (see e2e/support/accounts.ts).
      ADMIN_EMAILS: "admin@e2e.test",
    },
  },
});
