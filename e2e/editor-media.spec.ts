// Issue 14, the editor's media and keyboard: images (picked, pasted; stored by the server and seen
// live by a second person; alt text; refusals in a toast; hostile pasted images dropped), the slash
// menu, the word count and the keyboard shortcut sheet.
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signInViaApi } from "./support/accounts";
import { createDocument, editor, openDocument, share } from "./support/documents";

// A real 2×2 PNG (red), so the browser really decodes what the server serves.
const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==";
const png = () => Buffer.from(PNG_BASE64, "base64");

async function signedIn(page: Page, name: string) {
  const account = newAccount(name);
  await signInViaApi(page.context(), account);
  return account;
}

/** A paste of files (and optionally HTML) into the editor, as the browser fires it. */
async function pasteInto(page: Page, files: { name: string; type: string; base64: string }[], html?: string) {
  await editor(page).evaluate(
    (el, { files, html }) => {
      const data = new DataTransfer();
      for (const f of files) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], f.name, { type: f.type }));
      }
      if (html) data.setData("text/html", html);
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { files, html },
  );
}

// ProseMirror puts a hidden <img class="ProseMirror-separator"> in some empty blocks: not an image of the document.
const images = (page: Page) => editor(page).locator("img:not(.ProseMirror-separator)");

/** The image is in the document, points at the server, and has really loaded (decoded pixels). */
async function expectLoadedImage(page: Page, index = 0) {
  const img = images(page).nth(index);
  await expect(img).toHaveAttribute("src", /^\/api\/images\/[\w-]+$/, { timeout: 20_000 });
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth), { timeout: 15_000 }).toBe(2);
}

test("an image picked from the toolbar is uploaded, shown, and seen live by a second person", async ({ page, browser }) => {
  await signedIn(page, "Ida");
  const id = await createDocument(page.context(), "Pictures");
  const other = await browser.newContext();
  const p2 = await other.newPage();
  const reader = await signedIn(p2, "Omar");
  await share(page.context(), id, reader, "viewer");
  await openDocument(page, id);
  await openDocument(p2, id);

  await editor(page).click();
  await page.keyboard.type("Before the picture");
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Insert image" }).click();
  await (await chooser).setFiles({ name: "red.png", mimeType: "image/png", buffer: png() });
  await expectLoadedImage(page);
  // The other person sees the finished image (never the placeholder), loaded from the server.
  await expectLoadedImage(p2);
  await expect(p2.getByTestId("image-upload-placeholder")).toHaveCount(0);
  // Scaled to the column: never wider than the text.
  const [imgBox, textBox] = [await images(page).first().boundingBox(), await editor(page).boundingBox()];
  expect(imgBox && textBox && imgBox.width <= textBox.width).toBe(true);
  await other.close();
});

test("a pasted image is uploaded; alt text can be written; a refused file says why and leaves nothing", async ({ page }) => {
  await signedIn(page, "Pia");
  const id = await createDocument(page.context(), "Pasted");
  await openDocument(page, id);
  await editor(page).click();
  await pasteInto(page, [{ name: "shot.png", type: "image/png", base64: PNG_BASE64 }]);
  await expectLoadedImage(page);

  // Alt text: select the image, then the image bar.
  await images(page).first().click();
  await expect(page.getByTestId("image-bubble")).toBeVisible();
  await expect(page.getByTestId("image-alt")).toHaveText("No alt text yet");
  await page.getByRole("button", { name: "Add alt text" }).click();
  await page.getByLabel("Alt text").fill("A red square");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(images(page).first()).toHaveAttribute("alt", "A red square");

  // An SVG: refused by the server in plain words, the placeholder goes away, no image is added.
  await page.keyboard.press("ArrowDown");
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString("base64");
  await pasteInto(page, [{ name: "logo.svg", type: "image/svg+xml", base64: svg }]);
  await expect(page.getByTestId("upload-error")).toContainText("“logo.svg” was not added");
  await expect(page.getByTestId("upload-error")).toContainText("PNG, JPEG, GIF or WebP");
  await expect(page.getByTestId("image-upload-placeholder")).toHaveCount(0);
  await expect(images(page)).toHaveCount(1);
});

test("pasted HTML with an image from another site does not embed it (no tracking pixels)", async ({ page }) => {
  await signedIn(page, "Hal");
  const id = await createDocument(page.context(), "Hostile paste");
  await openDocument(page, id);
  await editor(page).click();
  await pasteInto(page, [], '<p>Quarterly numbers</p><img src="https://tracker.example/pixel.gif"><img src="data:image/png;base64,iVBORw0KGgo=">');
  await expect(editor(page)).toContainText("Quarterly numbers");
  await expect(images(page)).toHaveCount(0);
});

test("the slash menu inserts a heading and a list, with the keyboard and the mouse", async ({ page }) => {
  await signedIn(page, "Sol");
  const id = await createDocument(page.context(), "Slash");
  await openDocument(page, id);
  await editor(page).click();
  await page.keyboard.type("/");
  const menu = page.getByRole("listbox", { name: "Insert a block" });
  await expect(menu).toBeVisible();
  // Screen readers follow the highlighted option through the editor's aria-activedescendant.
  await expect(editor(page)).toHaveAttribute("aria-activedescendant", "slash-menu-h1");
  await page.keyboard.type("head");
  await expect(menu.getByRole("option")).toHaveCount(3);
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("option", { name: /Heading 2/ })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(menu).toBeHidden();
  await page.keyboard.type("Plan");
  await expect(editor(page).locator("h2")).toHaveText("Plan");
  await expect(editor(page)).not.toContainText("/head");

  await page.keyboard.press("Enter");
  await page.keyboard.type("/list");
  await menu.getByRole("option", { name: /Bullet list/ }).click();
  await page.keyboard.type("First point");
  await expect(editor(page).locator("ul > li")).toHaveText("First point");

  // Escape closes it and keeps what was typed; "/" inside a word opens nothing.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await page.keyboard.type("/zzz");
  await expect(menu).toContainText("No block by that name");
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await page.keyboard.type(" and/or");
  await expect(menu).toBeHidden();
  await expect(editor(page)).toContainText("/zzz and/or");
  // "/" typed right before a word is text too.
  await page.keyboard.press("Home");
  await page.keyboard.type("/");
  await expect(menu).toBeHidden();
});

test("the word count follows typing and the selection", async ({ page }) => {
  await signedIn(page, "Wes");
  const id = await createDocument(page.context(), "Counting");
  await openDocument(page, id);
  const words = page.getByTestId("word-count-words");
  await expect(words).toHaveText("0 words");
  await editor(page).click();
  await page.keyboard.type("One two three");
  await expect(words).toHaveText("3 words");
  await expect(page.getByTestId("word-count-characters")).toHaveText("13 characters");
  await page.keyboard.press("Enter");
  await page.keyboard.type("four");
  await expect(words).toHaveText("4 words");
  await page.keyboard.press("Shift+Home");
  await expect(words).toHaveText("1 of 4 words");
});

test("? outside the text and Ctrl+/ anywhere open the keyboard shortcut sheet", async ({ page }) => {
  await signedIn(page, "Kai");
  const id = await createDocument(page.context(), "Keys");
  await openDocument(page, id);
  // In the text, "?" is just a character.
  await editor(page).click();
  await page.keyboard.type("Why?");
  await expect(page.getByTestId("shortcut-sheet")).toBeHidden();
  await expect(editor(page)).toContainText("Why?");
  // Ctrl+/ from inside the text opens it.
  await page.keyboard.press("Control+/");
  const sheet = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText("Bold");
  await expect(sheet.locator("kbd").first()).toHaveText("Ctrl"); // not a Mac: Ctrl, not ⌘
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();
  // "?" outside any text field.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("?");
  await expect(sheet).toBeVisible();
});
