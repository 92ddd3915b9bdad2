// Search end to end: a word one person typed a moment ago is found by another with Ctrl+K, as they
// type, with the match highlighted; Enter opens the document scrolled to the word, selected. Also
// saves screenshots of the dialog with results (desktop and phone) under test-results/screens/.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signInViaApi } from "./support/accounts";
import { createDocument, editor, expectTextContains, openDocument, share, typeOnNewLine } from "./support/documents";

test.describe.configure({ timeout: 180_000 });

const screens = (name: string) => path.join(test.info().project.outputDir, "screens", `search-${name}.png`);

async function openSearch(page: Page) {
  await page.keyboard.press("ControlOrMeta+k");
  const dialog = page.getByTestId("search-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("combobox", { name: "Search your documents by title or text" })).toBeFocused();
  return dialog;
}

test("a word typed a moment ago by another person is found with Ctrl+K and opens scrolled to it", async ({ browser }) => {
  const ada = newAccount("Ada");
  const bea = newAccount("Bea");
  const adaContext = await browser.newContext();
  const beaContext = await browser.newContext();
  await signInViaApi(adaContext, ada);
  await signInViaApi(beaContext, bea);
  const word = `pelican${Date.now().toString(36)}`;
  const documentId = await createDocument(adaContext, "Field notes");
  await share(adaContext, documentId, bea, "viewer");
  const other = await createDocument(adaContext, `Birds: the ${word.slice(0, 7)} list`);
  await share(adaContext, other, bea, "viewer");

  // Ada types: a long document, the word far down (the page must scroll to reach it).
  const adaPage = await adaContext.newPage();
  await openDocument(adaPage, documentId);
  await typeOnNewLine(adaPage, Array.from({ length: 40 }, (_, i) => `Line ${i + 1} of the morning walk.`).join("\n"));
  await adaPage.keyboard.press("Enter");
  await adaPage.keyboard.type(`At noon a ${word} landed on the pier.`);
  await expectTextContains(adaPage, word);

  // Bea, on her dashboard: Ctrl+K, type, the result shows up with the word highlighted in its snippet.
  const page = await beaContext.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/dashboard");
  await expect(page.getByTestId("search-open")).toBeVisible();
  const dialog = await openSearch(page);
  await dialog.getByTestId("search-input").pressSequentially(word.slice(0, 9), { delay: 40 });
  const results = dialog.getByTestId("search-result");
  // Live: found within a few seconds of Ada's typing, without anyone leaving the document.
  await expect(results.filter({ hasText: "Field notes" })).toHaveCount(1, { timeout: 15_000 });
  await dialog.getByTestId("search-input").fill(word);
  await expect(results).toHaveCount(1);
  await expect(results.first().locator("mark")).toHaveText([word]);
  await expect(results.first()).toHaveAttribute("aria-selected", "true");
  await expect(dialog.getByTestId("search-status")).toHaveText(/^1 document found/);
  await page.screenshot({ path: screens("dialog-desktop") });

  // A broader query: both documents, title and snippet matches; the arrow keys move the active result.
  await dialog.getByTestId("search-input").fill(word.slice(0, 7));
  await expect(results).toHaveCount(2);
  await expect(dialog.getByTestId("search-status")).toHaveText(/^2 documents found/);
  await expect(results.first()).toContainText("Birds"); // the title match ranks first
  await page.keyboard.press("ArrowDown");
  await expect(results.nth(1)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowDown"); // wraps around
  await expect(results.nth(0)).toHaveAttribute("aria-selected", "true");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200);
  await page.screenshot({ path: screens("dialog-phone") });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Nothing matches: a friendly empty state. Escape closes.
  await dialog.getByTestId("search-input").fill("zzzqqqxxx");
  await expect(dialog.getByTestId("search-empty")).toContainText("No documents match");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // Again, and Enter opens the document with ?q=, the word selected and in view.
  await openSearch(page);
  await dialog.getByTestId("search-input").fill(word);
  await expect(results).toHaveCount(1);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/documents/${documentId}\\?q=${word}$`));
  await expect(editor(page)).toContainText(word, { timeout: 30_000 });
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(word);
  const inView = await page.evaluate(() => {
    const rect = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
    return { top: rect.top, bottom: rect.bottom, height: window.innerHeight, scrolled: window.scrollY };
  });
  expect(inView.scrolled).toBeGreaterThan(0);
  expect(inView.top).toBeGreaterThan(0);
  expect(inView.bottom).toBeLessThan(inView.height);

  await adaContext.close();
  await beaContext.close();
});
