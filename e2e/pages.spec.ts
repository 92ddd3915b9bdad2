// Nested pages in the browser: "New sub-page" from a page, the sidebar tree (collapse, expand and
// remembering it, the keyboard's tree pattern), moving by drag and by keyboard, and a second person
// whose tree follows live as pages appear under a page they can open and leave it for one they cannot.
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { newAccount, signInViaApi, type Account } from "./support/accounts";
import { createDocument, editor, openDocument, share } from "./support/documents";
import { createPage, movePage, pageTree, serverParents, titlesAtLevel, treeItem, treeRow } from "./support/pages";

async function signedIn(browser: Browser, name: string): Promise<{ context: BrowserContext; page: Page; account: Account }> {
  const account = newAccount(name);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await signInViaApi(context, account);
  return { context, page: await context.newPage(), account };
}

async function openDashboard(page: Page): Promise<void> {
  await page.goto("/dashboard");
  await expect(pageTree(page)).toBeVisible();
}

test("'New sub-page' makes a page under this one: it shows in the tree and the breadcrumbs; the tree collapses, expands and remembers", async ({ browser }) => {
  const { context, page } = await signedIn(browser, "Ona");
  try {
    const handbook = await createDocument(context, "Handbook");
    await openDocument(page, handbook);
    await expect(treeItem(page, "Handbook")).toHaveAttribute("aria-current", "page");

    await page.getByTestId("new-sub-page").click();
    await expect(page).not.toHaveURL(new RegExp(handbook));
    await expect(editor(page)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("document-title")).toHaveText("Untitled");
    const subId = new URL(page.url()).pathname.split("/").pop() as string;
    await expect(page.getByTestId("breadcrumbs").getByRole("link", { name: "Handbook" })).toBeVisible();
    await expect(treeItem(page, "Handbook")).toHaveAttribute("aria-expanded", "true");
    await expect(treeItem(page, "Untitled")).toHaveAttribute("aria-level", "2");
    await expect(treeItem(page, "Untitled")).toHaveAttribute("aria-current", "page");
    await expect(treeItem(page, "Handbook")).not.toHaveAttribute("aria-current", "page");

    // A rename shows in the tree without a reload.
    expect((await context.request.patch(`/api/documents/${subId}`, { data: { title: "Onboarding" } })).status()).toBe(200);
    await expect(treeItem(page, "Onboarding")).toBeVisible();

    // The row's own "+" makes a second one under Handbook and opens it.
    await treeRow(treeItem(page, "Handbook")).hover();
    await page.getByRole("button", { name: "New sub-page in Handbook" }).click();
    await expect(page).not.toHaveURL(new RegExp(subId));
    await expect(page.getByTestId("document-title")).toHaveText("Untitled");
    await expect.poll(() => titlesAtLevel(page, 2)).toEqual(["Onboarding", "Untitled"]);
    expect(await serverParents(context)).toMatchObject({ Onboarding: "Handbook", Untitled: "Handbook", Handbook: null });

    // Collapsed with the mouse, remembered on the dashboard after a reload.
    await openDashboard(page);
    await treeItem(page, "Handbook").getByTestId("page-tree-toggle").first().click();
    await expect(treeItem(page, "Handbook")).toHaveAttribute("aria-expanded", "false");
    await expect(treeItem(page, "Onboarding")).toHaveCount(0);
    await page.reload();
    await expect(treeItem(page, "Handbook")).toHaveAttribute("aria-expanded", "false");
    await treeItem(page, "Handbook").getByTestId("page-tree-toggle").first().click();
    await expect(treeItem(page, "Onboarding")).toBeVisible();
    await page.reload();
    await expect(treeItem(page, "Onboarding")).toBeVisible();
  } finally {
    await context.close();
  }
});

test("the tree follows the WAI-ARIA tree pattern: one Tab stop, arrows, Home/End, type-ahead, Enter opens", async ({ browser }) => {
  const { context, page } = await signedIn(browser, "Kim");
  try {
    await createPage(context, "Alpha");
    const beta = await createPage(context, "Beta");
    await createPage(context, "Beta one", beta);
    await createPage(context, "Beta two", beta);
    await createPage(context, "Gamma");
    await openDashboard(page);
    await expect.poll(() => titlesAtLevel(page, 1)).toEqual(["Alpha", "Beta", "Gamma"]);
    await expect(pageTree(page).locator('[role="treeitem"][tabindex="0"]')).toHaveCount(1);

    // Tab from the control before the tree lands on its one stop.
    await page.getByTestId("new-page").focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(treeItem(page, "Alpha")).toBeFocused();
    const press = async (key: string, focused: string) => {
      await page.keyboard.press(key);
      await expect(treeItem(page, focused)).toBeFocused();
    };
    await press("ArrowDown", "Beta");
    await expect(treeItem(page, "Beta")).toHaveAttribute("aria-expanded", "false");
    await press("ArrowRight", "Beta");
    await expect(treeItem(page, "Beta")).toHaveAttribute("aria-expanded", "true");
    await press("ArrowRight", "Beta one");
    await expect(treeItem(page, "Beta one")).toHaveAttribute("aria-level", "2");
    await press("ArrowDown", "Beta two");
    await press("ArrowDown", "Gamma");
    await press("ArrowUp", "Beta two");
    await press("ArrowLeft", "Beta");
    await press("ArrowLeft", "Beta");
    await expect(treeItem(page, "Beta")).toHaveAttribute("aria-expanded", "false");
    await press("End", "Gamma");
    await press("Home", "Alpha");
    await press("g", "Gamma");
    await press("b", "Beta");
    // Still one Tab stop, and it is the row focused last.
    await expect(pageTree(page).locator('[role="treeitem"][tabindex="0"]')).toHaveCount(1);
    await expect(treeItem(page, "Beta")).toHaveAttribute("tabindex", "0");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/documents/${beta}$`));
    await expect(treeItem(page, "Beta")).toHaveAttribute("aria-current", "page");
  } finally {
    await context.close();
  }
});

test("pages move by drag: into a row, between rows, and a drop into its own sub-page is refused in plain words", async ({ browser }) => {
  const { context, page } = await signedIn(browser, "Dara");
  try {
    const alpha = await createPage(context, "Alpha");
    await createPage(context, "Alpha child", alpha);
    await createPage(context, "Beta");
    await createPage(context, "Gamma");
    await openDashboard(page);
    await treeItem(page, "Alpha").getByTestId("page-tree-toggle").first().click();
    await expect(treeItem(page, "Alpha child")).toBeVisible();

    // Onto the middle of a row: the page goes inside it, last.
    await treeRow(treeItem(page, "Gamma")).dragTo(treeRow(treeItem(page, "Beta")), { targetPosition: { x: 80, y: 18 } });
    await expect(treeItem(page, "Gamma")).toHaveAttribute("aria-level", "2");
    await expect(treeItem(page, "Beta")).toHaveAttribute("aria-expanded", "true");
    expect(await serverParents(context)).toMatchObject({ Gamma: "Beta" });

    // Onto a row's top edge: in front of it.
    await treeRow(treeItem(page, "Beta")).dragTo(treeRow(treeItem(page, "Alpha")), { targetPosition: { x: 80, y: 2 } });
    await expect.poll(() => titlesAtLevel(page, 1)).toEqual(["Beta", "Alpha"]);
    // Onto a row's bottom edge: after it, at its level.
    await treeRow(treeItem(page, "Gamma")).dragTo(treeRow(treeItem(page, "Alpha child")), { targetPosition: { x: 80, y: 34 } });
    await expect.poll(() => titlesAtLevel(page, 2)).toEqual(["Alpha child", "Gamma"]);
    expect(await serverParents(context)).toMatchObject({ Gamma: "Alpha", Beta: null });

    // Into its own sub-page: refused, said next to the page, nothing changes.
    await treeRow(treeItem(page, "Alpha")).dragTo(treeRow(treeItem(page, "Alpha child")), { targetPosition: { x: 80, y: 18 } });
    await expect(treeItem(page, "Alpha").getByTestId("page-tree-error").first()).toHaveText(/can't go inside itself or one of its own sub-pages/);
    expect(await serverParents(context)).toMatchObject({ Alpha: null, "Alpha child": "Alpha" });
    // The server refuses it too (409), whatever a client sends.
    const child = (await (await context.request.get("/api/pages/tree")).json()).pages.find((p: { title: string }) => p.title === "Alpha child").id;
    expect((await context.request.post(`/api/documents/${alpha}/move`, { data: { parentId: child } })).status()).toBe(409);
  } finally {
    await context.close();
  }
});

test("pages move by keyboard: Alt+Shift+arrows and 'Move to…' from the row's menu, focus staying on the page", async ({ browser }) => {
  const { context, page } = await signedIn(browser, "Ravi");
  try {
    await createPage(context, "Alpha");
    await createPage(context, "Beta");
    await createPage(context, "Gamma");
    await openDashboard(page);
    await treeItem(page, "Gamma").focus();

    await page.keyboard.press("Alt+Shift+ArrowUp");
    await expect.poll(() => titlesAtLevel(page, 1)).toEqual(["Alpha", "Gamma", "Beta"]);
    await expect(treeItem(page, "Gamma")).toBeFocused();
    await page.keyboard.press("Alt+Shift+ArrowRight");
    await expect(treeItem(page, "Gamma")).toHaveAttribute("aria-level", "2");
    await expect(treeItem(page, "Gamma")).toBeFocused();
    expect(await serverParents(context)).toMatchObject({ Gamma: "Alpha" });
    await page.keyboard.press("Alt+Shift+ArrowLeft");
    await expect.poll(() => titlesAtLevel(page, 1)).toEqual(["Alpha", "Gamma", "Beta"]);
    await expect(treeItem(page, "Gamma")).toBeFocused();

    // The row's menu (Shift+F10) names the same moves, and "Move to…" picks any page.
    await page.keyboard.press("Shift+F10");
    const menu = page.getByTestId("page-row-menu");
    await expect(menu.getByRole("menuitem", { name: "New sub-page" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(menu.getByRole("menuitem", { name: "Move to…" })).toBeFocused();
    await page.keyboard.press("Enter");
    const dialog = page.getByTestId("move-page-dialog");
    await expect(dialog.getByRole("combobox", { name: "Put it under" })).toBeFocused();
    await expect(dialog.locator("option", { hasText: "Gamma" })).toBeDisabled();
    await dialog.getByRole("combobox", { name: "Put it under" }).selectOption({ label: "Beta" });
    await dialog.getByRole("button", { name: "Move", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(treeItem(page, "Gamma")).toHaveAttribute("aria-level", "2");
    await expect(treeItem(page, "Gamma")).toBeFocused();
    expect(await serverParents(context)).toMatchObject({ Gamma: "Beta" });

    // Escape closes the menu and gives focus back to the row.
    await page.keyboard.press("ContextMenu");
    await expect(menu).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(menu).toHaveCount(0);
    await expect(treeItem(page, "Gamma")).toBeFocused();
  } finally {
    await context.close();
  }
});

test("a second person sees a sub-page appear live under a page shared with them, and loses it when it moves under a page they cannot open", async ({
  browser,
}) => {
  const owner = await signedIn(browser, "Noor");
  const bea = await signedIn(browser, "Bea");
  try {
    const team = await createPage(owner.context, "Team");
    const secret = await createPage(owner.context, "Secret");
    await share(owner.context, team, bea.account, "editor");
    await openDashboard(bea.page);
    await expect(treeItem(bea.page, "Team")).toBeVisible();
    await expect(treeItem(bea.page, "Secret")).toHaveCount(0);
    await expect(treeItem(bea.page, "Team")).not.toHaveAttribute("aria-expanded", /.*/);

    const plan = await createPage(owner.context, "Plan", team);
    await expect(treeItem(bea.page, "Team")).toHaveAttribute("aria-expanded", "false");
    await treeItem(bea.page, "Team").getByTestId("page-tree-toggle").first().click();
    await expect(treeItem(bea.page, "Plan")).toHaveAttribute("aria-level", "2");
    // Bea has it open as well, in a second tab: it shows its place.
    const tab = await bea.context.newPage();
    await openDocument(tab, plan);
    await expect(tab.getByTestId("breadcrumbs").getByRole("link", { name: "Team" })).toBeVisible();

    await movePage(owner.context, plan, secret);
    await expect(treeItem(bea.page, "Plan")).toHaveCount(0);
    await expect(treeItem(bea.page, "Team")).not.toHaveAttribute("aria-expanded", /.*/);
    await expect(tab.getByTestId("access-notice")).toBeVisible();
    const res = await bea.context.request.get(`/api/documents/${plan}`);
    expect(res.status()).toBe(404);
  } finally {
    await owner.context.close();
    await bea.context.close();
  }
});

test("the owner of a sub-page stops it inheriting access from its parent, and back, with the share dialog's switch", async ({ browser }) => {
  const owner = await signedIn(browser, "Ines");
  const bea = await signedIn(browser, "Bo");
  try {
    const team = await createPage(owner.context, "Team");
    const notes = await createPage(owner.context, "Notes", team);
    await share(owner.context, team, bea.account, "viewer");
    await openDashboard(bea.page);
    await treeItem(bea.page, "Team").getByTestId("page-tree-toggle").first().click();
    await expect(treeItem(bea.page, "Notes")).toBeVisible();

    await openDocument(owner.page, notes);
    await owner.page.getByRole("button", { name: "Share" }).click();
    const toggle = owner.page.getByRole("switch", { name: "Inherit access from “Team”" });
    await expect(toggle).toHaveAttribute("aria-checked", "true");
    await expect(owner.page.getByTestId("inherit-access")).toContainText("Everyone who can open “Team” can open this page too");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    await expect(owner.page.getByTestId("inherit-access")).toContainText("Only the people listed below can open this page");
    await expect(treeItem(bea.page, "Notes")).toHaveCount(0);

    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-checked", "true");
    await expect(treeItem(bea.page, "Notes")).toBeVisible();
  } finally {
    await owner.context.close();
    await bea.context.close();
  }
});

test("on a phone the tree is a drawer behind 'Pages', and a deep page's breadcrumbs fold in the middle", async ({ browser }) => {
  const { context, page } = await signedIn(browser, "Pia");
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    const a = await createPage(context, "Company");
    const b = await createPage(context, "Engineering", a);
    const c = await createPage(context, "Platform team", b);
    const d = await createPage(context, "On-call", c);
    await openDocument(page, d);
    const crumbs = page.getByTestId("breadcrumbs");
    await expect(crumbs.getByRole("link", { name: "Platform team" })).toBeVisible();
    await expect(crumbs.getByRole("link", { name: "Company" })).toBeHidden();
    await crumbs.getByRole("button", { name: /Show the whole path/ }).click();
    await expect(crumbs.getByRole("link", { name: "Company" })).toBeVisible();
    await expect(crumbs.getByRole("link", { name: "Engineering" })).toBeVisible();

    await expect(page.getByTestId("pages-sidebar")).toBeHidden();
    await page.getByTestId("show-pages").click();
    const drawer = page.getByTestId("pages-drawer");
    await expect(drawer.getByRole("treeitem", { name: "On-call", exact: true })).toHaveAttribute("aria-current", "page");
    await expect(drawer.getByRole("treeitem", { name: "On-call", exact: true })).toBeFocused();
    await drawer.getByRole("link", { name: "Engineering", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/documents/${b}$`));
    await expect(drawer).toBeHidden();
    await page.getByTestId("show-pages").click();
    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
  } finally {
    await context.close();
  }
});

test("'Move to…' puts the page first, after a chosen sibling, or last", async ({ browser }) => {
  const { context, page } = await signedIn(browser, "Mia");
  try {
    const folder = await createPage(context, "Folder");
    for (const t of ["One", "Two", "Three"]) await createPage(context, t, folder);
    await createPage(context, "Loose");
    await openDashboard(page);
    await treeItem(page, "Folder").getByTestId("page-tree-toggle").first().click();
    const moveTo = async (position: string) => {
      await treeItem(page, "Loose").focus();
      await page.keyboard.press("Shift+F10");
      await page.getByTestId("page-row-menu").getByRole("menuitem", { name: "Move to…" }).click();
      const dialog = page.getByTestId("move-page-dialog");
      await dialog.getByRole("combobox", { name: "Put it under" }).selectOption({ label: "Folder" });
      await dialog.getByRole("combobox", { name: "Position" }).selectOption({ label: position });
      await dialog.getByRole("button", { name: "Move", exact: true }).click();
      await expect(dialog).toBeHidden();
    };
    await moveTo("First");
    await expect.poll(() => titlesAtLevel(page, 2)).toEqual(["Loose", "One", "Two", "Three"]);
    await moveTo("After “Two”");
    await expect.poll(() => titlesAtLevel(page, 2)).toEqual(["One", "Two", "Loose", "Three"]);
    await moveTo("Last");
    await expect.poll(() => titlesAtLevel(page, 2)).toEqual(["One", "Two", "Three", "Loose"]);
    expect(await serverParents(context)).toMatchObject({ Loose: "Folder" });
  } finally {
    await context.close();
  }
});

test("the share dialog marks inherited people with the page they come from, and offers no Remove for them", async ({ browser }) => {
  const owner = await signedIn(browser, "Lea");
  const bo = newAccount("Bo");
  const boContext = await browser.newContext();
  await signInViaApi(boContext, bo);
  try {
    const team = await createPage(owner.context, "Team");
    const notes = await createPage(owner.context, "Notes", team);
    await share(owner.context, team, bo, "viewer");
    await openDocument(owner.page, notes);
    await owner.page.getByRole("button", { name: "Share" }).click();
    const row = owner.page.locator(`[data-testid="member-row"][data-email="${bo.email}"]`);
    await expect(row.getByTestId("inherited-from")).toContainText("From “Team”");
    await expect(row.getByTestId("inherited-from")).toContainText("change it on the parent page, or turn off inheritance");
    await expect(row.getByRole("button", { name: /Remove/ })).toHaveCount(0);
    await expect(row.getByRole("link", { name: "“Team”" })).toHaveAttribute("href", `/documents/${team}`);
  } finally {
    await owner.context.close();
    await boContext.close();
  }
});
