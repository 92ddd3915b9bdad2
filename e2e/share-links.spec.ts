// Share links end to end: the owner makes a view link in the share dialog; a fresh browser with no
// account opens it, sees the owner's typing live and cannot type; the owner turns the link off, and
// the guest's page says the link stopped working at once (and after a reload).
import { type Browser, type BrowserContext, expect, test } from "@playwright/test";
import { newAccount, signInViaApi } from "./support/accounts";
import { createDocument, documentText, editor, expectTextContains, openDocument, typeOnNewLine } from "./support/documents";
import { createPage, movePage } from "./support/pages";

test.describe.configure({ timeout: 180_000 });

/** A view link to the page, made through the API; its /s/<token> address. */
async function viewLink(ownerContext: BrowserContext, pageId: string): Promise<string> {
  const made = await ownerContext.request.post(`/api/documents/${pageId}/links`, { data: { role: "viewer" } });
  expect(made.status()).toBe(201);
  return ((await made.json()) as { url: string }).url;
}

/** A fresh browser without an account on the link, and its list of the link's pages. */
async function guestOn(browser: Browser, url: string) {
  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await guest.goto(url);
  return { guestContext, guest, pages: guest.getByRole("navigation", { name: "Pages in this link" }) };
}

test("a guest reads a view link live, cannot type, and is shut out when it is turned off", async ({ browser }) => {
  const ana = newAccount("Ana");
  const ownerContext = await browser.newContext();
  await signInViaApi(ownerContext, ana);
  const owner = await ownerContext.newPage();
  const documentId = await createDocument(ownerContext, "Launch notes");
  await openDocument(owner, documentId);
  await typeOnNewLine(owner, "Written before the link.");

  // The owner makes a view link in the share dialog.
  await owner.getByRole("button", { name: "Share" }).click();
  const dialog = owner.getByTestId("share-dialog");
  const links = dialog.getByTestId("share-links");
  await links.getByRole("combobox", { name: "Link access" }).selectOption("viewer");
  await links.getByRole("button", { name: "Create link" }).click();
  const row = links.getByTestId("share-link-row");
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  const url = await row.getByRole("textbox", { name: "Link address" }).inputValue();
  expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
  await owner.keyboard.press("Escape");

  // A fresh browser, no account.
  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await guest.goto(url);
  await expect(guest.getByTestId("guest-banner")).toContainText("You're viewing as a guest — sign in to comment", { timeout: 30_000 });
  await expect(guest.getByRole("heading", { name: "Launch notes" })).toBeVisible();
  await expectTextContains(guest, "Written before the link.");
  await expect(guest.getByRole("link", { name: "All documents" })).toHaveCount(0); // no dashboard chrome

  // Live: the owner types, the guest sees it.
  await typeOnNewLine(owner, "Typed while the guest watches.");
  await expectTextContains(guest, "Typed while the guest watches.");

  // The guest cannot type: the editor is read-only and nothing reaches the owner.
  await expect(guest.locator('[data-testid="editor"][contenteditable="true"]')).toHaveCount(0);
  await editor(guest).click();
  await guest.keyboard.type("guest scribble");
  await typeOnNewLine(owner, "Owner again.");
  await expectTextContains(owner, "Owner again.");
  expect(await documentText(owner)).not.toContain("guest scribble");

  // The owner turns the link off; the guest's page says so at once.
  await owner.getByRole("button", { name: "Share" }).click();
  await links.getByRole("button", { name: "Turn off this link" }).click();
  await owner.getByRole("button", { name: "Turn off link" }).click();
  await expect(links.getByTestId("share-link-row")).toHaveCount(0, { timeout: 30_000 });
  await expect(guest.getByTestId("dead-link")).toContainText("This link no longer works — ask the owner for a new one.", { timeout: 30_000 });
  // Opened again, the dead link is an HTTP 404 (with the same friendly page), not a 200.
  const reloaded = await guest.reload();
  expect(reloaded?.status()).toBe(404);
  await expect(guest.getByTestId("dead-link")).toBeVisible({ timeout: 30_000 });

  await guestContext.close();
  await ownerContext.close();
});

test("an unknown link is an HTTP 404 with the friendly page", async ({ page }) => {
  const res = await page.goto(`/s/${"x".repeat(43)}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("dead-link")).toContainText("This link no longer works — ask the owner for a new one.");
});

test("a link to a page opens its sub-pages: the guest moves between them, and a sub-page that stops inheriting is not listed", async ({ browser }) => {
  const ana = newAccount("Ana");
  const ownerContext = await browser.newContext();
  await signInViaApi(ownerContext, ana);
  const owner = await ownerContext.newPage();
  const handbook = await createPage(ownerContext, "Handbook");
  const onboarding = await createPage(ownerContext, "Onboarding", handbook);
  const salaries = await createPage(ownerContext, "Salaries", handbook);
  expect((await ownerContext.request.patch(`/api/documents/${salaries}/access`, { data: { inheritAccess: false } })).status()).toBe(200);
  await openDocument(owner, onboarding);
  await typeOnNewLine(owner, "Welcome aboard.");
  const { guestContext, guest, pages } = await guestOn(browser, await viewLink(ownerContext, handbook));
  await expect(pages.getByRole("button", { name: "Handbook" })).toHaveAttribute("aria-current", "page", { timeout: 30_000 });
  await expect(pages.getByRole("button", { name: "Salaries" })).toHaveCount(0);
  await pages.getByRole("button", { name: "Onboarding" }).click();
  await expect(guest.getByRole("heading", { name: "Onboarding" })).toBeVisible();
  await expectTextContains(guest, "Welcome aboard.");
  // Live there too: the owner types, the guest on the sub-page sees it.
  await typeOnNewLine(owner, "Second day: meet the team.");
  await expectTextContains(guest, "Second day: meet the team.");

  await guestContext.close();
  await ownerContext.close();
});

// The guest's page list is live: a sub-page made under the link's page appears, a renamed one changes,
// and one moved out of the link's reach vanishes, all without a reload; a guest reading the moved-out
// page is taken back to the link's page (its session ended by the server), and it no longer opens.
test("the guest's page list follows the owner's changes live", async ({ browser }) => {
  const ana = newAccount("Ana");
  const ownerContext = await browser.newContext();
  await signInViaApi(ownerContext, ana);
  const handbook = await createPage(ownerContext, "Handbook");
  const onboarding = await createPage(ownerContext, "Onboarding", handbook);
  const elsewhere = await createPage(ownerContext, "Elsewhere");
  const { guestContext, guest, pages } = await guestOn(browser, await viewLink(ownerContext, handbook));
  await expect(pages.getByRole("button", { name: "Onboarding" })).toBeVisible({ timeout: 30_000 });

  const policies = await createPage(ownerContext, "Policies", handbook);
  await expect(pages.getByRole("button", { name: "Policies" })).toBeVisible({ timeout: 10_000 });
  expect((await ownerContext.request.patch(`/api/documents/${policies}`, { data: { title: "House rules" } })).status()).toBe(200);
  await expect(pages.getByRole("button", { name: "House rules" })).toBeVisible({ timeout: 10_000 });

  // The guest reads Onboarding; the owner moves it out from under the link's page.
  await pages.getByRole("button", { name: "Onboarding" }).click();
  await expect(guest.getByRole("heading", { name: "Onboarding" })).toBeVisible();
  await movePage(ownerContext, onboarding, elsewhere);
  await expect(pages.getByRole("button", { name: "Onboarding" })).toHaveCount(0, { timeout: 10_000 });
  await expect(guest.getByTestId("guest-page-gone")).toHaveText("That page is no longer shared through this link.");
  await expect(guest.getByRole("heading", { name: "Handbook" })).toBeVisible();
  await expect(pages.getByRole("button", { name: "Handbook" })).toHaveAttribute("aria-current", "page");
  await expect(guest.getByTestId("guest-banner")).toBeVisible();

  await guestContext.close();
  await ownerContext.close();
});
