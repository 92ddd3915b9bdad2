// Highlight, alignment and the divider: applied from the toolbar and with Google Docs' shortcuts, kept
// after a reload, and present in the HTML and Markdown downloads. Then "@" in the comment box: the
// picker lists the members, the keyboard picks one, and posting the comment lights up their bell.
// Screenshots (desktop and phone, light and dark) go to SHOTS_DIR when it is set.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { newAccount, signInViaApi } from "./support/accounts";
import { createDocument, editor, openDocument, share } from "./support/documents";
import { screenshots } from "./support/screens";

test.describe.configure({ timeout: 120_000 });
const SHOTS = process.env.SHOTS_DIR;

async function shots(page: Page, name: string, show?: Locator) {
  if (SHOTS) await screenshots(page, name, { dir: SHOTS, focus: async () => void (await show?.scrollIntoViewIfNeeded()) });
}

test("highlight, alignment and divider from the toolbar and the keyboard survive a reload and export", async ({ browser }) => {
  const context = await browser.newContext();
  await signInViaApi(context, newAccount("Ada"));
  const documentId = await createDocument(context, "Formatting");
  const page = await context.newPage();
  await openDocument(page, documentId);
  const toolbar = page.getByRole("toolbar", { name: "Formatting" });

  // Toolbar: centre the paragraph, highlight a word green, add a divider.
  await editor(page).click();
  await page.keyboard.type("Centred words here");
  // Alignment is one button (it shows the current one); its choices open as more buttons.
  await toolbar.getByRole("button", { name: "Text alignment: align left" }).click();
  await toolbar.getByRole("button", { name: "Center", exact: true }).click();
  await expect(toolbar.getByRole("button", { name: "Center", exact: true })).toHaveCount(0);
  await expect(toolbar.getByRole("button", { name: "Text alignment: center" })).toBeVisible();
  await page.keyboard.press("Home");
  for (let i = 0; i < 7; i++) await page.keyboard.press("Shift+ArrowRight");
  await toolbar.getByRole("button", { name: "Highlight colours" }).click();
  await shots(page, "format-colours", toolbar);
  await toolbar.getByRole("button", { name: "Green highlight" }).click();
  // Another colour over it replaces it (yellow, the default, included), then back to green.
  await toolbar.getByRole("button", { name: "Highlight colours" }).click();
  await toolbar.getByRole("button", { name: "Yellow highlight" }).click();
  await expect(editor(page).locator('mark[data-color="yellow"]')).toHaveText("Centred");
  await toolbar.getByRole("button", { name: "Highlight colours" }).click();
  await toolbar.getByRole("button", { name: "Green highlight" }).click();
  await page.keyboard.press("End");
  await toolbar.getByRole("button", { name: "Insert divider" }).click();

  // Keyboard: a right-aligned line with a yellow highlight (Ctrl+Shift+R, Ctrl+Shift+H).
  await page.keyboard.type("Right side");
  await page.keyboard.press("ControlOrMeta+Shift+R");
  await expect(editor(page).locator('p[style*="text-align: right"]')).toHaveText("Right side");
  await page.keyboard.press("Shift+Home");
  await expect(page.getByTestId("format-bubble")).toBeVisible(); // the editor has the selection
  await page.keyboard.press("ControlOrMeta+Shift+H");
  await expect(editor(page).locator('mark[data-color="yellow"]')).toHaveText("Right side");
  await page.keyboard.press("End");

  const check = async () => {
    await expect(editor(page).locator('p[style*="text-align: center"]')).toContainText("Centred words here");
    await expect(editor(page).locator('mark[data-color="green"]')).toHaveText("Centred");
    await expect(editor(page).locator("hr")).toHaveCount(1);
    await expect(editor(page).locator('p[style*="text-align: right"] mark[data-color="yellow"]')).toHaveText("Right side");
  };
  await check();
  await shots(page, "format");
  await page.reload();
  await check();

  // Ctrl+Shift+L puts it back to the left: no attribute at all.
  await editor(page).locator('p[style*="text-align: right"]').click();
  await page.keyboard.press("ControlOrMeta+Shift+L");
  await expect(editor(page).locator('p[style*="text-align"]')).toHaveCount(1);

  const html = await (await context.request.get(`/api/documents/${documentId}/export?format=html`)).text();
  expect(html).toContain('<p style="text-align: center"><mark data-color="green">Centred</mark> words here</p>');
  expect(html).toContain("<hr>");
  const md = await (await context.request.get(`/api/documents/${documentId}/export?format=md`)).text();
  expect(md).toBe("==Centred== words here\n\n---\n\n==Right side==\n");
  await context.close();
});

test("@ in the comment box picks a member with the keyboard, and posting notifies them", async ({ browser }) => {
  const adaAccount = newAccount("Ada");
  const beaAccount = { ...newAccount("Bea"), name: "Bea Quinn" };
  const ada = await browser.newContext();
  const bea = await browser.newContext();
  await signInViaApi(ada, adaAccount);
  await signInViaApi(bea, beaAccount);
  const documentId = await createDocument(ada, "Comment mentions");
  await share(ada, documentId, beaAccount, "editor");
  const page = await ada.newPage();
  const beaPage = await bea.newPage();
  await openDocument(page, documentId);
  await openDocument(beaPage, documentId);
  await expect(beaPage.getByTestId("notifications-unread")).toHaveText("1", { timeout: 30_000 }); // the share

  const box = page.getByTestId("comments-sidebar").getByRole("textbox", { name: "New comment" });
  await box.click();
  await box.pressSequentially("Please check @");
  const menu = page.getByTestId("comment-mention-menu");
  await expect(menu.getByRole("option", { name: new RegExp(beaAccount.name) })).toBeVisible({ timeout: 30_000 });
  await expect(box).toHaveAttribute("aria-activedescendant", /.+/);
  await shots(page, "comment-mention", menu);
  // Escape closes the list and keeps the text; typing filters; Enter picks.
  await box.press("Escape");
  await expect(menu).toHaveCount(0);
  await box.press("Backspace");
  await box.pressSequentially("@bea");
  await expect(menu.getByRole("option")).toHaveCount(1, { timeout: 30_000 });
  await box.press("ArrowDown"); // wraps round to the one option
  await box.press("Enter");
  await expect(menu).toHaveCount(0);
  await expect(box).toHaveValue(new RegExp(`^Please check @"${beaAccount.name}" $`));
  await box.pressSequentially("today");
  await page.getByTestId("comments-sidebar").getByRole("button", { name: "Comment", exact: true }).click();
  await expect(beaPage.getByTestId("notifications-unread")).toHaveText("2", { timeout: 30_000 });
  await ada.close();
  await bea.close();
});
