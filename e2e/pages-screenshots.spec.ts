// Screenshots of nested pages for a person to look at (test-results/…/pages-screens/): the dashboard
// with the tree, a deep page with breadcrumbs and the tree, a row's menu, the share dialog's inherit
// switch, and the phone's drawer; desktop 1280×800 and phone 390×844, light and dark.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signInViaApi } from "./support/accounts";
import { openDocument } from "./support/documents";
import { createPage, treeItem, treeRow } from "./support/pages";

const sizes = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;
const schemes = ["light", "dark"] as const;

async function shoot(page: Page, name: string, only?: (typeof sizes)[number]["name"]) {
  for (const size of sizes) {
    if (only && size.name !== only) continue;
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const scheme of schemes) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(200);
      await page.screenshot({ path: path.join(test.info().project.outputDir, "pages-screens", `${name}-${size.name}-${scheme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: "light" });
}

test.describe.configure({ timeout: 240_000 });

test("nested pages, as they look", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await signInViaApi(context, newAccount("Maya"));
  const page = await context.newPage();
  try {
    const product = await createPage(context, "Product");
    const roadmap = await createPage(context, "Roadmap", product);
    const goals = await createPage(context, "Q1 goals and the long list of things we promised", roadmap);
    await createPage(context, "Design notes", product);
    const handbook = await createPage(context, "Team handbook");
    await createPage(context, "Onboarding", handbook);
    await createPage(context, "Meeting notes");

    await openDocument(page, goals);
    await expect(page.getByTestId("breadcrumbs").getByRole("link", { name: "Roadmap" })).toBeVisible();
    await shoot(page, "document");

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId("show-pages").click();
    await expect(page.getByTestId("pages-drawer").getByRole("treeitem").first()).toBeVisible();
    await shoot(page, "drawer", "phone");
    await page.keyboard.press("Escape");

    await page.goto("/dashboard");
    await expect(treeItem(page, "Product")).toBeVisible();
    await shoot(page, "dashboard");

    await treeRow(treeItem(page, "Team handbook")).hover();
    await treeItem(page, "Team handbook").getByTestId("page-tree-actions").first().click();
    await expect(page.getByTestId("page-row-menu")).toBeVisible();
    await shoot(page, "row-menu", "desktop");
    await page.keyboard.press("Escape");

    await openDocument(page, roadmap);
    await page.getByRole("button", { name: "Share" }).click();
    await expect(page.getByTestId("inherit-access")).toBeVisible();
    await shoot(page, "share-inherit");
  } finally {
    await context.close();
  }
});
