// A comment on selected text keeps pointing at that text while someone else edits before it:
// the anchor is a pair of Yjs relative positions, not character offsets.
import { expect, test } from "@playwright/test";
import { newAccount, signInViaApi } from "./support/accounts";
import { createDocument, editor, expectTextContains, openDocument, share } from "./support/documents";

test.describe.configure({ timeout: 180_000 });

test("a comment anchored to selected text follows it through a concurrent edit", async ({ browser }) => {
  const adaAccount = newAccount("Ada");
  const beaAccount = newAccount("Bea");
  const ada = await browser.newContext();
  const bea = await browser.newContext();
  await signInViaApi(ada, adaAccount);
  await signInViaApi(bea, beaAccount);
  const documentId = await createDocument(ada, "Anchors");
  await share(ada, documentId, beaAccount, "editor");
  const adaPage = await ada.newPage();
  const beaPage = await bea.newPage();
  await openDocument(adaPage, documentId);
  await openDocument(beaPage, documentId);

  // Ada writes a line and selects the word "beta" with the keyboard.
  await editor(adaPage).click();
  await adaPage.keyboard.type("Alpha beta gamma");
  await expectTextContains(beaPage, "Alpha beta gamma");
  await adaPage.keyboard.press("Home");
  for (let i = 0; i < 6; i++) await adaPage.keyboard.press("ArrowRight");
  for (let i = 0; i < 4; i++) await adaPage.keyboard.press("Shift+ArrowRight");

  const sidebar = adaPage.getByTestId("comments-sidebar");
  await sidebar.getByRole("textbox", { name: "New comment" }).click();
  await expect(sidebar).toContainText("On “beta”");
  await sidebar.getByRole("textbox", { name: "New comment" }).fill("Is beta the right word?");
  await sidebar.getByRole("button", { name: "Comment", exact: true }).click();

  // Bea sees the comment with its quote, then writes before the anchored word.
  const beaThread = beaPage.getByTestId("comment-thread").filter({ hasText: "Is beta the right word?" });
  await expect(beaThread).toContainText("“beta”", { timeout: 30_000 });
  await editor(beaPage).click();
  await beaPage.keyboard.press("ControlOrMeta+Home");
  await beaPage.keyboard.type("Intro: ");
  await expectTextContains(adaPage, "Intro: Alpha beta gamma");

  // Clicking the quote selects the same word, now seven characters further on.
  await adaPage.getByTestId("comment-thread").filter({ hasText: "Is beta the right word?" }).getByRole("button", { name: "“beta”" }).click();
  await expect.poll(() => adaPage.evaluate(() => window.getSelection()?.toString()), { timeout: 10_000 }).toBe("beta");

  await ada.close();
  await bea.close();
});
