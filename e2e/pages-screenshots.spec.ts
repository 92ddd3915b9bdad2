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

test("inherited members, Move to… positions, the grouped trash and a page link's guest view, as they look", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await signInViaApi(context, newAccount("Maya"));
  const other = await browser.newContext();
  const bo = newAccount("Bo");
  await signInViaApi(other, bo);
  const page = await context.newPage();
  const guestContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const product = await createPage(context, "Product");
    const roadmap = await createPage(context, "Roadmap", product);
    await createPage(context, "Design notes", product);
    await createPage(context, "Research", product);
    expect((await context.request.post(`/api/documents/${product}/members`, { data: { email: bo.email, role: "viewer" } })).status()).toBe(201);

    await openDocument(page, roadmap);
    await page.getByRole("button", { name: "Share" }).click();
    await expect(page.getByTestId("inherited-from")).toBeVisible();
    await shoot(page, "share-inherited-member");
    await page.keyboard.press("Escape");

    await page.goto("/dashboard");
    await treeItem(page, "Roadmap").focus();
    await page.keyboard.press("Shift+F10");
    await page.getByTestId("page-row-menu").getByRole("menuitem", { name: "Move to…" }).click();
    await expect(page.getByTestId("move-page-position")).toBeVisible();
    await shoot(page, "move-position");
    await page.keyboard.press("Escape");

    const link = await context.request.post(`/api/documents/${product}/links`, { data: { role: "viewer" } });
    const { url } = (await link.json()) as { url: string };
    const guest = await guestContext.newPage();
    await guest.goto(url);
    await expect(guest.getByRole("navigation", { name: "Pages in this link" })).toBeVisible({ timeout: 30_000 });
    await shoot(guest, "guest-pages");

    expect((await context.request.delete(`/api/documents/${product}`)).status()).toBe(204);
    await page.goto("/trash");
    await expect(page.locator('[data-testid="trash-row"][data-trashed-with]').first()).toBeVisible();
    await shoot(page, "trash-grouped");
  } finally {
    await guestContext.close();
    await other.close();
    await context.close();
  }
});
