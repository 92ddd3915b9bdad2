// Opens offline: a document opened on this device before opens with no network (the service worker's
// kept page, the text from IndexedDB), can be edited, says how many changes wait on this device; the
// dashboard lists what is available offline; back online, the offline edits reach everyone.
// With SHOTS_DIR set, the offline editor and dashboard are photographed (desktop and phone, light and dark).
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signInViaApi } from "./support/accounts";
import { createDocument, editor, expectTextContains, openDocument } from "./support/documents";

test.describe.configure({ timeout: 240_000 });

const status = (page: Page) => page.getByTestId("save-status");
const shotsDir = process.env.SHOTS_DIR;

async function shootAll(page: Page, name: string) {
  if (!shotsDir) return;
  fs.mkdirSync(shotsDir, { recursive: true });
  for (const [size, viewport] of [
    ["desktop", { width: 1280, height: 900 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    for (const scheme of ["light", "dark"] as const) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(300); // colours have a transition: let it finish before the picture
      await page.screenshot({ path: path.join(shotsDir, `offline-${name}-${size}-${scheme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "light" });
}

/** Whether the service worker keeps a copy of this page (in any build's cache). */
function isKept(page: Page, pagePath: string): Promise<boolean> {
  return page.evaluate(async (p) => {
    for (const name of await caches.keys()) if (await (await caches.open(name)).match(p)) return true;
    return false;
  }, pagePath);
}

/** A header of the kept copy of a page (null when none is kept). */
function keptHeader(page: Page, pagePath: string, header: string): Promise<string | null> {
  return page.evaluate(
    async ([p, h]) => {
      for (const name of await caches.keys()) {
        const kept = await (await caches.open(name)).match(p);
        if (kept) return kept.headers.get(h);
      }
      return null;
    },
    [pagePath, header] as const,
  );
}

test("a document opened before opens and is editable offline, is listed as available offline, and merges when back online", async ({ browser }) => {
  const account = newAccount("Olive");
  const context = await browser.newContext();
  await signInViaApi(context, account);
  const documentId = await createDocument(context, "Field notes");
  const page = await context.newPage();
  await openDocument(page, documentId);

  // The production build registers the worker; it keeps this page's shell and the dashboard's.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => isKept(page, `/documents/${documentId}`), { timeout: 30_000 }).toBe(true);
  await expect.poll(() => isKept(page, "/dashboard"), { timeout: 30_000 }).toBe(true);

  await editor(page).click();
  await page.keyboard.type("Written online.");
  await expect(status(page)).toHaveText("Saved", { timeout: 15_000 });

  // Online, the dashboard marks it as available offline.
  const dashboard = await context.newPage();
  await dashboard.goto("/dashboard");
  const row = dashboard.locator(`[data-testid="document-row"][data-document-id="${documentId}"]`).first();
  await expect(row.getByTestId("document-offline")).toHaveText("Available offline");

  // Nothing from the browser's own HTTP cache: what opens offline is what the worker kept.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.clearBrowserCache");
  await cdp.detach(); // a second DevTools session left open would mask the offline emulation
  await context.setOffline(true);
  // Opened again with no network: the kept page (its nonce is the kept copy's, not a fresh one from the server).
  const keptPolicy = await keptHeader(page, `/documents/${documentId}`, "content-security-policy");
  expect(keptPolicy).toContain("'nonce-");
  const response = await page.goto(`/documents/${documentId}`);
  expect(response?.fromServiceWorker()).toBe(true);
  expect(response?.headers()["content-security-policy"]).toBe(keptPolicy);
  await expect(page.getByRole("heading", { name: "Field notes" })).toBeVisible({ timeout: 30_000 });
  await expect(editor(page)).toBeVisible();
  await expectTextContains(page, "Written online.");
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "offline");
  await expect(editor(page)).toHaveAttribute("contenteditable", "true");
  await editor(page).click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type(" Written offline.");
  await expectTextContains(page, "Written online. Written offline.");
  await expect(status(page)).toHaveAttribute("data-status", "offline");
  await expect(status(page)).toHaveText(/^Offline — \d+ changes? kept on this device$/);
  expect(Number(await status(page).getAttribute("data-unsaved"))).toBeGreaterThan(0);
  await shootAll(page, "editor");

  // The dashboard, from the kept shell: the documents on this device instead of an error.
  await dashboard.goto("/dashboard");
  const offlineList = dashboard.getByTestId("offline-documents");
  await expect(offlineList).toBeVisible({ timeout: 30_000 });
  await expect(offlineList.locator(`[data-document-id="${documentId}"]`)).toContainText("Field notes");
  await expect(offlineList.locator(`[data-document-id="${documentId}"]`).getByTestId("document-unsaved")).toBeVisible();
  await shootAll(dashboard, "dashboard");

  // A page never opened here says so plainly.
  const never = await dashboard.goto("/documents/never-opened-here");
  expect(never?.status()).toBe(503);
  await expect(dashboard.getByRole("heading", { name: "You are offline" })).toBeVisible();

  // Back online: the offline edits are saved, and someone else sees them.
  await context.setOffline(false);
  await expect(status(page)).toHaveText("Saved", { timeout: 60_000 });
  const other = await browser.newContext({ storageState: await context.storageState() });
  const check = await other.newPage();
  await openDocument(check, documentId);
  await expectTextContains(check, "Written online. Written offline.");
  await other.close();
  await context.close();
});

test("signing out clears the kept pages and the offline list", async ({ browser }) => {
  const context = await browser.newContext();
  await signInViaApi(context, newAccount("Quinn"));
  const documentId = await createDocument(context, "Private");
  const page = await context.newPage();
  await openDocument(page, documentId);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => isKept(page, `/documents/${documentId}`), { timeout: 30_000 }).toBe(true);

  await page.goto("/dashboard");
  await page.getByRole("banner").getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await isKept(page, `/documents/${documentId}`)).toBe(false);
  expect(await page.evaluate(() => localStorage.getItem("tandem-offline:v1"))).toBeNull();
  await context.close();
});
