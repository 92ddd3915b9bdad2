// The editor's save status tells the truth: "Saving…" while the server has not acknowledged a change
// as stored, "Saved" once it has, "Offline — N changes kept on this device" without a network,
// back to "Saved" after reconnecting, "Read-only" for a viewer; closing the tab with unsaved changes
// asks first, and the dashboard marks the document. ("Can't save — …" is covered by the unit table
// in test/collab/saveStatus.test.ts only.)
// With SHOTS_DIR set, each status is also photographed (desktop and phone, light and dark).
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { newAccount, signInViaApi } from "./support/accounts";
import { createDocument, editor, openDocument, share } from "./support/documents";

test.describe.configure({ timeout: 240_000 });

const status = (page: Page) => page.getByTestId("save-status");
const shotsDir = process.env.SHOTS_DIR;

async function shoot(page: Page, name: string) {
  if (!shotsDir) return;
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
}

async function editorPage(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}) {
  const account = newAccount("Sam");
  const context = await browser.newContext(options);
  await signInViaApi(context, account);
  const documentId = await createDocument(context, "Status");
  const page = await context.newPage();
  await openDocument(page, documentId);
  return { account, context, page, documentId };
}

test("typing shows Saving… then Saved; offline counts the changes kept here; back online they are saved", async ({ browser }) => {
  const { context, page, documentId } = await editorPage(browser);
  await expect(status(page)).toHaveText("Saved");
  await editor(page).click();
  // Seen between a keystroke and its acknowledgement: the status follows the typing.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenStatuses: string[] }).seenStatuses = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="save-status"]')?.textContent ?? "";
      if (seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { childList: true, characterData: true, subtree: true });
  });
  await page.keyboard.type("Every word is acknowledged.");
  await expect(status(page)).toHaveText("Saved", { timeout: 10_000 });
  const seen = await page.evaluate(() => (window as unknown as { seenStatuses: string[] }).seenStatuses);
  expect(seen).toContain("Saving…");
  expect(seen.at(-1)).toBe("Saved");

  await context.setOffline(true);
  await page.keyboard.type(" Offline words");
  await expect(status(page)).toHaveAttribute("data-status", "offline", { timeout: 30_000 });
  await expect(status(page)).toHaveText(/^Offline — \d+ changes? kept on this device$/);
  const kept = Number(await status(page).getAttribute("data-unsaved"));
  expect(kept).toBeGreaterThan(0);

  await context.setOffline(false);
  await expect(status(page)).toHaveText("Saved", { timeout: 60_000 });
  // What "Saved" promised is on the server: a fresh browser sees it.
  const other = await browser.newContext({ storageState: await context.storageState() });
  const check = await other.newPage();
  await openDocument(check, documentId);
  await expect(editor(check)).toContainText("Every word is acknowledged. Offline words");
  await other.close();
  await context.close();
});

test("closing the tab with unsaved changes asks first; the dashboard marks the document", async ({ browser }) => {
  const { context, page, documentId } = await editorPage(browser);
  // The dashboard, open in another tab of the same browser, hears of changes kept on this device.
  const dashboard = await context.newPage();
  await dashboard.goto("/dashboard");
  const row = dashboard.locator(`[data-testid="document-row"][data-document-id="${documentId}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("document-unsaved")).toHaveCount(0);
  await page.bringToFront();
  await editor(page).click();
  await page.keyboard.type("Saved first.");
  await expect(status(page)).toHaveText("Saved", { timeout: 10_000 });
  await context.setOffline(true);
  await page.keyboard.type(" Not yet saved.");
  await expect(status(page)).toHaveAttribute("data-status", "offline", { timeout: 30_000 });
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss(); // stay on the page
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(["beforeunload"]);
  expect(page.isClosed()).toBe(false);
  // The dashboard lists the document as having changes only on this device.
  await expect(row.getByTestId("document-unsaved")).toHaveText(/only on this device/, { timeout: 30_000 });
  await shoot(dashboard, "dashboard-unsaved");
  // Back online the editor saves them, and the mark goes.
  await context.setOffline(false);
  await expect(status(page)).toHaveText("Saved", { timeout: 60_000 });
  await expect(row.getByTestId("document-unsaved")).toHaveCount(0, { timeout: 10_000 });
  await context.close();
});

test("a viewer sees Read-only", async ({ browser }) => {
  const { context, documentId } = await editorPage(browser);
  const viewer = newAccount("Vic");
  const viewerContext = await browser.newContext();
  await signInViaApi(viewerContext, viewer);
  await share(context, documentId, viewer, "viewer");
  const viewerPage = await viewerContext.newPage();
  await openDocument(viewerPage, documentId);
  await expect(status(viewerPage)).toHaveText("Read-only");
  await viewerContext.close();
  await context.close();
});

// The statuses as people see them: desktop and phone, light and dark (SHOTS_DIR=… to keep them).
for (const [device, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["mobile", { width: 390, height: 844 }],
] as const) {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`screenshots of each status: ${device}, ${colorScheme}`, async ({ browser }) => {
      test.skip(!shotsDir, "SHOTS_DIR not set");
      const tag = `${device}-${colorScheme}`;
      const { context, page, documentId } = await editorPage(browser, { viewport, colorScheme });
      await editor(page).click();
      await page.keyboard.type("A sentence to save.");
      await expect(status(page)).toHaveText("Saved", { timeout: 10_000 });
      await shoot(page, `${tag}-saved`);
      await context.setOffline(true);
      await page.keyboard.type(" And more, offline.");
      await expect(status(page)).toHaveText(/^Offline — /, { timeout: 30_000 });
      await shoot(page, `${tag}-offline`);
      // Saving…: the editor is back, the acknowledgement not yet (photographed as soon as it shows).
      await context.setOffline(false);
      await expect(status(page)).toHaveText("Saved", { timeout: 60_000 });
      await page.keyboard.type(" x");
      await shoot(page, `${tag}-saving`);
      const viewer = newAccount("Vic");
      const viewerContext = await browser.newContext({ viewport, colorScheme });
      await signInViaApi(viewerContext, viewer);
      await share(context, documentId, viewer, "viewer");
      const viewerPage = await viewerContext.newPage();
      await openDocument(viewerPage, documentId);
      await expect(status(viewerPage)).toHaveText("Read-only");
      await shoot(viewerPage, `${tag}-read-only`);
      await viewerContext.close();
      await context.close();
    });
  }
}
