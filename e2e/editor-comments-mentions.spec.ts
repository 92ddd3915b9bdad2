// Comments visible in the text and "@" mentions: a comment on selected text highlights it, a click on
// the highlight opens its thread, resolving un-highlights; "@" lists the document's members and
// inserts a mention (the member's bell counts it); a document mention links to the other document.
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signInViaApi } from "./support/accounts";
import { createDocument, editor, expectTextContains, openDocument, share } from "./support/documents";

test.describe.configure({ timeout: 180_000 });

const sidebar = (page: Page) => page.getByTestId("comments-sidebar");
const highlight = (page: Page) => editor(page).locator(".comment-highlight");

async function selectWord(page: Page, skip: number, length: number) {
  await page.keyboard.press("Home");
  for (let i = 0; i < skip; i++) await page.keyboard.press("ArrowRight");
  for (let i = 0; i < length; i++) await page.keyboard.press("Shift+ArrowRight");
}

async function shot(page: Page, name: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screens/comments-mentions-${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("a comment highlights its text, a click opens its thread, resolving un-highlights", async ({ browser }) => {
  const adaAccount = newAccount("Ada");
  const ada = await browser.newContext();
  await signInViaApi(ada, adaAccount);
  const documentId = await createDocument(ada, "Highlights");
  const page = await ada.newPage();
  await openDocument(page, documentId);

  await editor(page).click();
  await page.keyboard.type("Alpha beta gamma");
  await selectWord(page, 6, 4);
  await sidebar(page).getByRole("textbox", { name: "New comment" }).click();
  await sidebar(page).getByRole("textbox", { name: "New comment" }).fill("Is beta right?");
  await sidebar(page).getByRole("button", { name: "Comment", exact: true }).click();

  await expect(highlight(page)).toHaveText("beta", { timeout: 30_000 });
  const thread = sidebar(page).getByTestId("comment-thread").filter({ hasText: "Is beta right?" });
  await expect(thread).not.toHaveAttribute("data-active", "true");

  // Typing before it moves the highlight with the word.
  await editor(page).click();
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.type("Intro: ");
  await expect(highlight(page)).toHaveText("beta");

  await highlight(page).click();
  await expect(thread).toHaveAttribute("data-active", "true");
  await expect(editor(page).locator(".comment-highlight-active")).toHaveText("beta");
  for (const size of [
    { width: 1280, height: 800, name: "desktop" },
    { width: 390, height: 844, name: "phone" },
  ]) {
    await page.setViewportSize(size);
    await highlight(page).scrollIntoViewIfNeeded();
    await shot(page, `highlight-${size.name}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  await thread.getByRole("button", { name: "Resolve" }).click();
  await expect(highlight(page)).toHaveCount(0, { timeout: 30_000 });
  await ada.close();
});

test("@ lists the members and inserts a mention that notifies; a document mention links to it", async ({ browser }) => {
  const adaAccount = newAccount("Ada");
  const beaAccount = newAccount("Bea");
  const ada = await browser.newContext();
  const bea = await browser.newContext();
  await signInViaApi(ada, adaAccount);
  await signInViaApi(bea, beaAccount);
  const documentId = await createDocument(ada, "Mentions");
  const otherId = await createDocument(ada, "Roadmap for spring");
  await share(ada, documentId, beaAccount, "editor");
  const page = await ada.newPage();
  const beaPage = await bea.newPage();
  await openDocument(page, documentId);
  await openDocument(beaPage, documentId);

  await editor(page).click();
  await page.keyboard.type("Ask @");
  const menu = page.getByTestId("mention-menu");
  await expect(menu.getByRole("option", { name: new RegExp(beaAccount.name) })).toBeVisible({ timeout: 30_000 });
  await expect(menu.getByRole("option", { name: /Roadmap for spring/ })).toBeVisible();
  for (const size of [
    { width: 1280, height: 800, name: "desktop" },
    { width: 390, height: 844, name: "phone" },
  ]) {
    await page.setViewportSize(size);
    await shot(page, `autocomplete-${size.name}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // Escape closes it and leaves the text alone; typing filters; Enter inserts.
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
  await page.keyboard.press("Backspace");
  await page.keyboard.type(`@${beaAccount.name.slice(0, 3)}`);
  await expect(menu.getByRole("option")).toHaveCount(1, { timeout: 30_000 });
  await page.keyboard.press("Enter");
  await expect(editor(page).locator('[data-type="mention"]')).toHaveText(`@${beaAccount.name}`);
  await expectTextContains(beaPage, `Ask @${beaAccount.name}`);
  // Her bell: the share, then the mention.
  await expect(beaPage.getByTestId("notifications-unread")).toHaveText("2", { timeout: 30_000 });

  // A document, chosen with the arrows and the mouse-free keyboard: a link to it showing its title.
  await page.keyboard.type("about @Road");
  await expect(menu.getByRole("option")).toHaveCount(1, { timeout: 30_000 });
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  const link = editor(page).locator('a[data-type="documentMention"]');
  await expect(link).toHaveText("Roadmap for spring");
  await expect(link).toHaveAttribute("href", `/documents/${otherId}`);

  // Bea is no member of that document: following the link shows the usual no-access page.
  const beaLink = editor(beaPage).locator('a[data-type="documentMention"]');
  await expect(beaLink).toHaveAttribute("href", `/documents/${otherId}`, { timeout: 30_000 });
  await beaPage.goto((await beaLink.getAttribute("href")) ?? "");
  await expect(beaPage.getByTestId("document-not-found")).toBeVisible({ timeout: 30_000 });

  // The mouse works too: a click on an option inserts it.
  await editor(page).click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type(" cc @");
  await menu.getByRole("option", { name: new RegExp(beaAccount.name) }).click();
  await expect(editor(page).locator('[data-type="mention"]')).toHaveCount(2);
  await ada.close();
  await bea.close();
});
