// The browser side in a real Chromium against a real server: one EventSource shared by all tabs,
// events reaching every tab, leader hand-over when the leader tab closes, dismissals across tabs.
// The page is a tiny harness served at the server's origin (no Next build needed).
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, type TestServer } from "../helpers/server";
import { sseConnectionCount } from "../../server/events/hub";
import { startEventsServer } from "./helpers";

const CHROMIUM = "/usr/bin/chromium";
const hasBrowser = fs.existsSync(CHROMIUM);

let server: TestServer;
let admin: ApiClient;
let browser: Browser;
let harness: string;

beforeAll(async () => {
  if (!hasBrowser) return;
  const out = await build({ entryPoints: [path.join(import.meta.dirname, "harness.entry.ts")], bundle: true, write: false, format: "iife", target: "es2022" });
  harness = `<!doctype html><title>harness</title><script>${out.outputFiles[0].text}</script>`;
  server = await startEventsServer();
  admin = new ApiClient(server.url);
  await admin.signup("Admin");
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Snapshot = { items: Record<string, { title: string }>; viewer: string | null; leader: boolean; status: string; lastEventId: string | null };
const snap = (page: Page) => page.evaluate(() => (window as any).__snapshot() as Snapshot);
async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!hasBrowser)("the shared stream in a browser", () => {
  it("shares one EventSource between tabs, hands over when the leader closes, and dismisses everywhere", async () => {
    const context = await browser.newContext();
    await context.route(`${server.url}/harness`, (route) => route.fulfill({ contentType: "text/html", body: harness }));
    const tabs = [await context.newPage(), await context.newPage(), await context.newPage()];
    for (const tab of tabs) await tab.goto(`${server.url}/harness`);
    await until(async () => (await Promise.all(tabs.map(snap))).every((s) => s.viewer === "anonymous"), "every tab to hear the version event");
    expect((await Promise.all(tabs.map(snap))).filter((s) => s.leader)).toHaveLength(1);
    expect(sseConnectionCount()).toBe(1);

    const first = (await admin.post("/api/admin/announcements", { title: "To all tabs" })).body;
    await until(async () => (await Promise.all(tabs.map(snap))).every((s) => s.items[first.id]?.title === "To all tabs"), "every tab to show it");

    // Close the leader: another tab takes over, resuming from the last event id.
    const leaderIndex = (await Promise.all(tabs.map(snap))).findIndex((s) => s.leader);
    const lastId = (await snap(tabs[leaderIndex])).lastEventId;
    expect(lastId).toMatch(/^\d+$/);
    await tabs[leaderIndex].close();
    const rest = tabs.filter((_, i) => i !== leaderIndex);
    await until(async () => (await Promise.all(rest.map(snap))).some((s) => s.leader), "a new leader");
    const newLeader = rest[(await Promise.all(rest.map(snap))).findIndex((s) => s.leader)];
    expect(await newLeader.evaluate(() => (window as any).__urls)).toEqual([`/api/events?busy=close&lastEventId=${lastId}`]);
    const second = (await admin.post("/api/admin/announcements", { title: "After hand-over" })).body;
    await until(async () => (await Promise.all(rest.map(snap))).every((s) => s.items[second.id] && s.items[first.id]), "both tabs to show both");
    await until(() => sseConnectionCount() === 1, "exactly one stream again");

    // A visitor dismisses in one tab: gone in the other at once, and remembered in this browser.
    await rest[0].evaluate((id) => (window as any).__stream.dismiss(id), first.id);
    await until(async () => !(await snap(rest[1])).items[first.id], "the other tab to hide it");
    expect(await rest[1].evaluate(() => localStorage.getItem("tandem.dismissedAnnouncements"))).toContain(first.id);

    // A revocation reaches the remaining tabs through the new leader.
    await admin.delete(`/api/admin/announcements/${second.id}`);
    await until(async () => (await Promise.all(rest.map(snap))).every((s) => !s.items[second.id]), "revocation in every tab");
    await context.close();
  });

  it("renders Markdown bodies with scripts and handlers made inert", async () => {
    const context = await browser.newContext();
    await context.route(`${server.url}/harness`, (route) => route.fulfill({ contentType: "text/html", body: harness }));
    const page = await context.newPage();
    await page.goto(`${server.url}/harness`);
    const evil = [
      "**Bold** and [a link](https://example.com)",
      '<img src="x" onerror="window.__pwned = 1">',
      "<script>window.__pwned = 2</script>",
      "[click](javascript:window.__pwned=3)",
      '<a href="#" onclick="window.__pwned = 4">x</a><svg onload="window.__pwned = 5"></svg>',
    ].join("\n\n");
    const html = await page.evaluate((source) => {
      const out = (window as any).__renderMarkdown(source) as string;
      const div = document.createElement("div");
      div.innerHTML = out;
      document.body.append(div);
      div.querySelectorAll("a").forEach((a) => a.click());
      return out;
    }, evil);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(html).toContain("<strong>Bold</strong>");
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).not.toMatch(/onerror|onclick|onload|<script|javascript:/i);
    await context.close();
  });
});
