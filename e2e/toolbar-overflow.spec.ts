// The formatting toolbar at 1280, 1024, 800 and 390 px with the page tree and the comments open: one
// row that is never clipped or wrapped, what does not fit is in "More" (⋯) and nothing is lost, bold,
// italic, headings, lists and link stay in the row. An action works from "More" by keyboard and by touch,
// items show their state and shortcut, and typing never moves the row. Screenshots with the menu open
// (desktop and phone, light and dark) go to test-results/…/toolbar-overflow/.
import path from "node:path";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { newAccount, signInViaApi } from "./support/accounts";
import { editor, openDocument } from "./support/documents";
import { createPage, pageTree } from "./support/pages";
import { screenshots } from "./support/screens";

const toolbar = (page: Page) => page.getByRole("toolbar", { name: "Formatting" });
const more = (page: Page) => toolbar(page).getByRole("button", { name: "More formatting" });
const menu = (page: Page) => page.getByRole("menu", { name: "More formatting" });
// Every toolbar item by the name of its (first) button; in "More" the same name, or its first entry's.
const ITEMS: { button: string; inMenu: string }[] = [
  ...["Heading 1", "Heading 2", "Heading 3", "Bold", "Italic", "Strikethrough", "Link"].map((n) => ({ button: n, inMenu: n })),
  { button: "Highlight", inMenu: "Highlight" },
  { button: "Text alignment: align left", inMenu: "Align left" },
  ...["Bulleted list", "Numbered list", "Task list", "Quote", "Code block", "Insert divider", "Insert table", "Insert image", "Undo", "Redo"].map((n) => ({
    button: n,
    inMenu: n,
  })),
];
const ALWAYS_SHOWN = ["Bold", "Italic", "Heading 1", "Link", "Bulleted list"];

type Box = { x: number; y: number; width: number; height: number };
const boxes = (buttons: Locator) => buttons.evaluateAll((all) => all.map((b) => b.getBoundingClientRect().toJSON() as Box));

/** A sub-page: the tree and the comments take their columns beside the text at desktop widths. */
async function openSubPage(page: Page) {
  const parent = await createPage(page.context(), "Guides");
  const id = await createPage(page.context(), "Writing style", parent);
  await openDocument(page, id);
}

/** One row inside the toolbar (and the window), 32 px buttons, and each item in the row or in "More". */
async function expectFitted(page: Page, width: number) {
  const bar = await toolbar(page).boundingBox();
  if (!bar) throw new Error("no toolbar");
  expect(bar.x + bar.width).toBeLessThanOrEqual(width + 0.5);
  const shown = await boxes(toolbar(page).getByRole("button"));
  for (const b of shown) {
    expect(b.x).toBeGreaterThanOrEqual(bar.x - 0.5); // not clipped on the left…
    expect(b.x + b.width).toBeLessThanOrEqual(bar.x + bar.width + 0.5); // …nor on the right
    expect(Math.abs(b.y - shown[0].y)).toBeLessThan(1); // one row
    expect(b.height).toBeCloseTo(32, 0);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width); // no sideways scroll
  for (const name of ALWAYS_SHOWN) await expect(toolbar(page).getByRole("button", { name, exact: true })).toBeVisible();

  const inRow = new Set(
    await toolbar(page)
      .getByRole("button")
      .evaluateAll((all) => all.map((b) => b.getAttribute("aria-label"))),
  );
  const moved = ITEMS.filter((i) => !inRow.has(i.button));
  if (moved.length === 0) {
    await expect(more(page)).toHaveCount(0);
    return [];
  }
  await more(page).click();
  await expect(menu(page)).toBeVisible();
  const listed = await menu(page)
    .locator('[role^="menuitem"]')
    .evaluateAll((all) => all.map((e) => e.querySelector(".truncate")?.textContent));
  for (const item of moved) expect(listed, `${item.button} is in neither the row nor "More"`).toContain(item.inMenu);
  const menuBox = await menu(page).boundingBox();
  expect(menuBox && menuBox.x >= 0 && menuBox.x + menuBox.width <= width).toBe(true);
  await page.keyboard.press("Escape");
  await expect(menu(page)).toHaveCount(0);
  return moved.map((i) => i.button);
}

test("at 1280, 1024, 800 and 390 px the toolbar is one unclipped row and the rest is in More", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await signInViaApi(context, newAccount("Ines"));
  const page = await context.newPage();
  try {
    await openSubPage(page);
    await expect(pageTree(page)).toBeVisible();
    await expect(page.getByRole("complementary", { name: "Comments" })).toBeVisible();
    const movedAt: Record<number, string[]> = {};
    for (const width of [1280, 1024, 800, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      await expect(toolbar(page)).toBeVisible();
      movedAt[width] = await expectFitted(page, width);
    }
    console.log("moved into More:", JSON.stringify(movedAt));
    // With the tree and comments beside it the column narrows from 1280 to 1024; at 800 they leave the
    // text's side and the whole row fits; a phone moves the most.
    expect(movedAt[1024].length).toBeGreaterThan(movedAt[1280].length);
    expect(movedAt[390].length).toBeGreaterThan(movedAt[1024].length);

    // Typing (and bolding a word) never moves a button: the row is fitted on resizes only.
    await page.setViewportSize({ width: 1024, height: 800 });
    await editor(page).click();
    const before = await boxes(toolbar(page).getByRole("button"));
    await page.keyboard.type("Steady as she goes ");
    await page.keyboard.press("ControlOrMeta+B");
    await page.keyboard.type("bold words");
    await expect(toolbar(page).getByRole("button", { name: "Bold", exact: true })).toHaveAttribute("aria-pressed", "true");
    expect(await boxes(toolbar(page).getByRole("button"))).toEqual(before);

    // Screenshots with "More" open.
    await screenshots(page, "more-open", {
      dir: path.join(test.info().project.outputDir, "toolbar-overflow"),
      focus: async () => {
        await expect(more(page)).toBeVisible();
        await more(page).click();
        await expect(menu(page)).toBeVisible();
      },
    });
  } finally {
    await context.close();
  }
});

test("keyboard: one Tab stop, End reaches More, the arrows open and walk its menu, Escape returns, Enter inserts a divider", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  await signInViaApi(context, newAccount("Kai"));
  const page = await context.newPage();
  try {
    await openSubPage(page);
    await editor(page).click();
    await page.keyboard.type("Quoted line");
    await page.keyboard.press("ControlOrMeta+Shift+B"); // a quote: "More" shows it checked
    await expect(editor(page).locator("blockquote")).toHaveCount(1);

    await toolbar(page).getByRole("button", { name: "Heading 1" }).focus();
    await page.keyboard.press("End");
    await expect(more(page)).toBeFocused();
    await expect(more(page)).toHaveAttribute("aria-haspopup", "menu");
    await expect(more(page)).toHaveAttribute("aria-expanded", "false");

    await page.keyboard.press("ArrowDown");
    await expect(menu(page)).toBeVisible();
    await expect(more(page)).toHaveAttribute("aria-expanded", "true");
    const entries = menu(page).locator('[role^="menuitem"]:not([aria-disabled="true"])');
    await expect(entries.first()).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(entries.nth(1)).toBeFocused();
    await page.keyboard.press("End");
    await expect(entries.last()).toBeFocused();
    await page.keyboard.press("ArrowDown"); // wraps
    await expect(entries.first()).toBeFocused();

    // The quote's entry shows its state and its shortcut.
    const quote = menu(page).getByRole("menuitemcheckbox", { name: "Quote" });
    await expect(quote).toHaveAttribute("aria-checked", "true");
    await expect(quote).toContainText(/Ctrl\+Shift\+B|⌘⇧B/);

    await page.keyboard.press("Escape");
    await expect(menu(page)).toHaveCount(0);
    await expect(more(page)).toBeFocused();
    await expect(more(page)).toHaveAttribute("aria-expanded", "false");

    // Enter opens it again; walk to "Insert divider" and choose it.
    await page.keyboard.press("Enter");
    await expect(entries.first()).toBeFocused();
    for (let i = 0; i < 30; i++) {
      if (
        await menu(page)
          .getByRole("menuitem", { name: "Insert divider" })
          .evaluate((e) => e === document.activeElement)
      )
        break;
      await page.keyboard.press("ArrowDown");
    }
    await page.keyboard.press("Enter");
    await expect(menu(page)).toHaveCount(0);
    await expect(editor(page).locator("hr")).toHaveCount(1);

    // The row is one Tab stop: Tab from More leaves the toolbar.
    await more(page).focus();
    await page.keyboard.press("Tab");
    expect(await toolbar(page).evaluate((bar) => bar.contains(document.activeElement))).toBe(false);
  } finally {
    await context.close();
  }
});

test("on a phone (390×844, touch) a table is inserted from More", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await signInViaApi(context, newAccount("Pia"));
  const page = await context.newPage();
  try {
    const id = await createPage(context, "Groceries");
    await openDocument(page, id);
    await editor(page).tap();
    await page.keyboard.type("List");
    await expect(toolbar(page).getByRole("button", { name: "Insert table" })).toHaveCount(0); // in More at this width
    await more(page).tap();
    await expect(menu(page)).toBeVisible();
    const insert = menu(page).getByRole("menuitem", { name: "Insert table" });
    const box = await insert.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(40); // a finger-sized entry
    await insert.tap();
    await expect(menu(page)).toHaveCount(0);
    await expect(editor(page).locator("table")).toHaveCount(1);
    // Tapping More twice opens and closes it.
    await more(page).tap();
    await expect(menu(page)).toBeVisible();
    await more(page).tap();
    await expect(menu(page)).toHaveCount(0);
  } finally {
    await context.close();
  }
});
