// App events over socket.io, end to end: comments appear live in the other person's browser, a mention
// lights up their notifications bell, and a member removed while the document is open is told so and
// can no longer change it.
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { newAccount, signInViaApi, type Account } from "./support/accounts";
import { createDocument, documentText, editor, expectTextContains, openDocument, share, typeOnNewLine } from "./support/documents";

test.describe.configure({ timeout: 180_000 });

type Person = { account: Account; context: BrowserContext; page: Page };

async function person(browser: Browser, name: string): Promise<Person> {
  const account = newAccount(name);
  const context = await browser.newContext();
  await signInViaApi(context, account);
  return { account, context, page: await context.newPage() };
}

const sidebar = (page: Page) => page.getByTestId("comments-sidebar");
const thread = (page: Page, text: string) => sidebar(page).getByTestId("comment-thread").filter({ hasText: text });

async function comment(page: Page, body: string): Promise<void> {
  await sidebar(page).getByRole("textbox", { name: "New comment" }).fill(body);
  await sidebar(page).getByRole("button", { name: "Comment", exact: true }).click();
  await expect(thread(page, body)).toBeVisible({ timeout: 30_000 });
}

test("a comment appears live in the other browser, and a mention notifies", async ({ browser }) => {
  const ada = await person(browser, "Ada");
  const bea = await person(browser, "Bea");
  const documentId = await createDocument(ada.context, "Comments");
  await share(ada.context, documentId, bea.account, "editor");
  await openDocument(ada.page, documentId);
  await openDocument(bea.page, documentId);
  await expect(sidebar(bea.page)).toContainText("No comments yet.", { timeout: 30_000 });

  await comment(ada.page, "Can we ship this on Friday?");
  await expect(thread(bea.page, "Can we ship this on Friday?")).toBeVisible({ timeout: 30_000 });
  await expect(thread(bea.page, "Can we ship this on Friday?")).toContainText(ada.account.name);

  // Bea answers and mentions Ada by email handle: Ada sees the comment and her bell counts it.
  const handle = ada.account.email.split("@")[0];
  await comment(bea.page, `Yes, @${handle} — the tests are green.`);
  await expect(thread(ada.page, "the tests are green")).toBeVisible({ timeout: 30_000 });
  await expect(ada.page.getByTestId("notifications-unread")).toHaveText("1", { timeout: 30_000 });

  await ada.context.close();
  await bea.context.close();
});

test("a member removed while the document is open is told so and can no longer edit", async ({ browser }) => {
  const ada = await person(browser, "Ada");
  const bea = await person(browser, "Bea");
  const documentId = await createDocument(ada.context, "Removal");
  await share(ada.context, documentId, bea.account, "editor");
  await openDocument(ada.page, documentId);
  await openDocument(bea.page, documentId);

  await typeOnNewLine(bea.page, "Bea was here while a member.");
  await expectTextContains(ada.page, "Bea was here while a member.");

  // The owner removes Bea through the share dialog.
  await ada.page.getByRole("button", { name: "Share" }).click();
  const dialog = ada.page.getByTestId("share-dialog");
  const beaRow = dialog.getByTestId("member-row").filter({ hasText: bea.account.email });
  await beaRow.getByRole("button", { name: `Remove ${bea.account.name}` }).click();
  await beaRow.getByRole("button", { name: `Yes, remove ${bea.account.name}` }).click();
  await expect(dialog.getByTestId("member-row").filter({ hasText: bea.account.email })).toHaveCount(0);
  await ada.page.keyboard.press("Escape");

  // Bea is told, without reloading, and no editable editor is left on her page.
  await expect(bea.page.getByTestId("access-changed").or(bea.page.getByTestId("access-notice")).first()).toBeVisible({ timeout: 30_000 });
  await expect(bea.page.locator('[data-testid="editor"][contenteditable="true"]')).toHaveCount(0, { timeout: 30_000 });

  // Whatever she types now goes nowhere: the owner's document is unchanged, and stays live for the owner.
  await bea.page.keyboard.type("typed after removal");
  await typeOnNewLine(ada.page, "Owner carries on.");
  await expectTextContains(ada.page, "Owner carries on.");
  expect(await documentText(ada.page)).not.toContain("typed after removal");
  if ((await editor(bea.page).count()) > 0) expect(await documentText(bea.page)).not.toContain("typed after removal");

  // A reload confirms it: the document is no longer hers to see.
  await bea.page.reload();
  await expect(bea.page.getByTestId("document-not-found")).toBeVisible({ timeout: 30_000 });

  await ada.context.close();
  await bea.context.close();
});
