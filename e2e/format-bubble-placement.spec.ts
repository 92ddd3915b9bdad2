// The format bubble never covers the sticky toolbar: over a first-line selection (and over a line just
// under the toolbar once it sticks to the top of a scrolled page) it goes below the selection, so the
// toolbar's buttons stay clickable; with room above, it stays above.
// Screenshots of the first-line case (desktop and phone, light and dark) go to SHOTS_DIR when it is set.
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signInViaApi } from "./support/accounts";
import { createDocument, editor, openDocument } from "./support/documents";
import { screenshots } from "./support/screens";

test.describe.configure({ timeout: 120_000 });
const SHOTS = process.env.SHOTS_DIR;

type Box = { top: number; bottom: number };

const bubble = (page: Page) => page.getByTestId("format-bubble");

async function box(page: Page, testId: string): Promise<Box> {
  const b = await page.getByTestId(testId).boundingBox();
  if (!b) throw new Error(`${testId} has no box`);
  return { top: b.y, bottom: b.y + b.height };
}

async function selectionBox(page: Page): Promise<Box> {
  return page.evaluate(() => {
    const r = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
    return { top: r.top, bottom: r.bottom };
  });
}

/** The bubble once placed (it waits at opacity 0 until Floating UI has put it somewhere) and still. */
async function placedBubble(page: Page): Promise<Box> {
  await expect(bubble(page)).toBeVisible();
  let last = "";
  await expect
    .poll(async () => {
      const now = JSON.stringify(await box(page, "format-bubble"));
      const still = now === last;
      last = now;
      return still;
    })
    .toBe(true);
  return box(page, "format-bubble");
}

async function shots(page: Page, name: string) {
  // Colours have a transition: let it finish before the picture.
  if (SHOTS) await screenshots(page, name, { dir: SHOTS, focus: async () => void (await placedBubble(page)), settleMs: 300 });
}

test("over a first-line selection the bubble flips below it and the toolbar stays clickable", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await signInViaApi(context, newAccount("Bea"));
  const documentId = await createDocument(context, "Bubble placement");
  const page = await context.newPage();
  await openDocument(page, documentId);
  const toolbar = page.getByRole("toolbar", { name: "Formatting" });

  await editor(page).click();
  await page.keyboard.type("First line words");
  await page.keyboard.press("Shift+Home");
  const first = await placedBubble(page);
  const chrome = await box(page, "editor-chrome");
  const selected = await selectionBox(page);
  expect(first.top).toBeGreaterThanOrEqual(chrome.bottom); // not over the toolbar
  expect(first.top).toBeGreaterThanOrEqual(selected.bottom); // below the selection
  await shots(page, "format-bubble-first-line");
  // The toolbar's buttons take their own clicks (a covering bubble made this time out).
  await toolbar.getByRole("button", { name: "Highlight colours" }).click({ timeout: 5_000 });
  await toolbar.getByRole("button", { name: "Green highlight" }).click({ timeout: 5_000 });
  await expect(editor(page).locator('mark[data-color="green"]')).toHaveText("First line words");

  // With room above (a later line), it stays above the selection.
  await page.keyboard.press("End");
  for (let i = 0; i < 4; i++) await page.keyboard.press("Enter");
  await page.keyboard.type("Fifth line");
  await page.keyboard.press("Shift+Home");
  const later = await placedBubble(page);
  expect(later.bottom).toBeLessThanOrEqual((await selectionBox(page)).top);
  expect(later.top).toBeGreaterThanOrEqual((await box(page, "editor-chrome")).bottom);
  await context.close();
});

test("in a scrolled page, a line just under the stuck toolbar gets the bubble below it", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await signInViaApi(context, newAccount("Cy"));
  const documentId = await createDocument(context, "Long placement");
  const page = await context.newPage();
  await openDocument(page, documentId);

  await editor(page).click();
  for (let i = 1; i <= 40; i++) {
    await page.keyboard.type(`Line ${i}`);
    await page.keyboard.press("Enter");
  }
  // Scroll so line 20 sits just under the toolbar stuck at the top of the window.
  const line = editor(page).locator("p", { hasText: /^Line 20$/ });
  await line.evaluate((p) => {
    const chrome = document.querySelector('[data-testid="editor-chrome"]')!.getBoundingClientRect();
    window.scrollBy(0, p.getBoundingClientRect().top - chrome.height - 4);
  });
  const chrome = await box(page, "editor-chrome");
  expect(chrome.top).toBeLessThanOrEqual(1); // stuck
  await line.click();
  await page.keyboard.press("End");
  await page.keyboard.press("Shift+Home");
  const placed = await placedBubble(page);
  expect(placed.top).toBeGreaterThanOrEqual((await box(page, "editor-chrome")).bottom);
  expect(placed.top).toBeGreaterThanOrEqual((await selectionBox(page)).bottom);
  await context.close();
});
