// Issue 14, items 4 and 11 in two browsers: the owner renames, and the collaborator's open page
// follows (heading and tab title) without a reload; the owner removes the collaborator, and the share
// notification about that document leaves their bell live (the count drops, the item goes).
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { newAccount, signInViaApi, type Account } from "./support/accounts";
import { createDocument, openDocument, share } from "./support/documents";

test.describe.configure({ timeout: 180_000 });

type Person = { account: Account; context: BrowserContext; page: Page };

async function person(browser: Browser, name: string): Promise<Person> {
  const account = newAccount(name);
  const context = await browser.newContext();
  await signInViaApi(context, account);
  return { account, context, page: await context.newPage() };
}

test("a rename reaches the open page; a removal takes its notification out of the bell", async ({ browser }, testInfo) => {
  const ada = await person(browser, "Ada");
  const bea = await person(browser, "Bea");
  const documentId = await createDocument(ada.context, "Launch plan");
  const keptId = await createDocument(ada.context, "Kept notes");
  await share(ada.context, documentId, bea.account, "editor");
  await share(ada.context, keptId, bea.account, "viewer");

  await openDocument(ada.page, documentId);
  await openDocument(bea.page, documentId);
  await expect(bea.page.getByTestId("document-title")).toHaveText("Launch plan");
  await expect(bea.page).toHaveTitle(/^Launch plan/);
  await expect(bea.page.getByTestId("notifications-unread")).toHaveText("2", { timeout: 30_000 });

  // Ada renames in place; Bea's heading and tab title follow, no reload.
  await ada.page.getByRole("button", { name: "Rename document" }).click();
  await ada.page.getByRole("textbox", { name: "Document title" }).fill("Launch plan v2");
  await ada.page.getByRole("form", { name: "Rename document" }).getByRole("button", { name: "Save" }).click();
  await expect(ada.page.getByTestId("document-title")).toHaveText("Launch plan v2");
  await expect(bea.page.getByTestId("document-title")).toHaveText("Launch plan v2", { timeout: 30_000 });
  await expect(bea.page).toHaveTitle(/^Launch plan v2/, { timeout: 30_000 });

  // Bea goes to her dashboard; Ada removes her from the renamed document through the share dialog.
  await bea.page.goto("/dashboard");
  await expect(bea.page.getByTestId("notifications-unread")).toHaveText("2", { timeout: 30_000 });
  await ada.page.getByRole("button", { name: "Share" }).click();
  const dialog = ada.page.getByTestId("share-dialog");
  const beaRow = dialog.getByTestId("member-row").filter({ hasText: bea.account.email });
  await beaRow.getByRole("button", { name: `Remove ${bea.account.name}` }).click();
  await beaRow.getByRole("button", { name: `Yes, remove ${bea.account.name}` }).click();
  await expect(dialog.getByTestId("member-row").filter({ hasText: bea.account.email })).toHaveCount(0);

  // Live: the count drops to the one notification whose document she still has, and the list shows only it.
  await expect(bea.page.getByTestId("notifications-unread")).toHaveText("1", { timeout: 30_000 });
  await bea.page.getByRole("button", { name: /^Notifications/ }).click();
  const items = bea.page.getByTestId("notification-item");
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText("Kept notes");
  await expect(items.first().getByRole("link")).toHaveAttribute("href", `/documents/${keptId}`);
  await bea.page.screenshot({ path: testInfo.outputPath("bell-after-removal.png") });
  await bea.page.getByRole("dialog", { name: "Notifications" }).screenshot({ path: testInfo.outputPath("bell-panel-after-removal.png") });

  // And after a reload the server lists the same (nothing stale comes back).
  await bea.page.reload();
  await expect(bea.page.getByTestId("notifications-unread")).toHaveText("1", { timeout: 30_000 });

  await ada.context.close();
  await bea.context.close();
});
