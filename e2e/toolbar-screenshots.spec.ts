// The editor's toolbar at 1280×800 with the page tree and the comments panel open: one row, not two
// (its buttons tighten at desktop widths). Screenshots at 1280×800 and 390×844, light and dark, for a
// person to look at (test-results/…/toolbar-screens/; TOOLBAR_SHOTS names the set, "after" by default).
import path from "node:path";
import { expect, test } from "@playwright/test";
import { newAccount, signInViaApi } from "./support/accounts";
import { openDocument } from "./support/documents";
import { createPage, pageTree } from "./support/pages";

test("the formatting toolbar fits on one row at 1280 px with the tree and comments open", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await signInViaApi(context, newAccount("Tove"));
  const page = await context.newPage();
  try {
    const parent = await createPage(context, "Guides");
    const id = await createPage(context, "Writing style", parent);
    await openDocument(page, id);
    await expect(pageTree(page)).toBeVisible();
    await expect(page.getByRole("complementary", { name: "Comments" })).toBeVisible();
    const toolbar = page.getByRole("toolbar", { name: "Formatting" });
    const bold = toolbar.getByRole("button", { name: "Bold" });
    const set = process.env.TOOLBAR_SHOTS ?? "after";
    for (const size of [
      { name: "desktop", width: 1280, height: 800 },
      { name: "phone", width: 390, height: 844 },
    ]) {
      await page.setViewportSize({ width: size.width, height: size.height });
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.waitForTimeout(200);
        await page.screenshot({ path: path.join(test.info().project.outputDir, "toolbar-screens", `${set}-${size.name}-${scheme}.png`) });
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(200);
    const rowHeight = (await bold.boundingBox())?.height ?? 0;
    const toolbarHeight = (await toolbar.boundingBox())?.height ?? 0;
    expect(rowHeight).toBeGreaterThan(0);
    // One row of buttons (plus the toolbar's own padding), not two.
    expect(toolbarHeight).toBeLessThan(rowHeight * 1.8);
  } finally {
    await context.close();
  }
});
