// axe-core on every page, light and dark: login, signup, dashboard, a document with a table and a
// comment, a sub-page with the page tree (its menu, "Move to…", the phone's drawer), trash, settings,
// admin, a share link as a guest, an invitation and a 404. Any serious or critical violation fails the test; lesser ones are listed in the output. Two browser contexts (the
// signed-in administrator and a guest) are reused across pages, so the whole walk is one test.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, newAccount, signInViaApi } from "./support/accounts";
import { createDocument, editor, openDocument } from "./support/documents";
import { createPage, treeItem } from "./support/pages";

test.describe.configure({ timeout: 240_000 });

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const schemes = ["light", "dark"] as const;

type Finding = { page: string; scheme: string; rule: string; impact: string; help: string; targets: string[] };

async function audit(page: Page, name: string, findings: Finding[]): Promise<void> {
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(100); // one frame for the new colours to apply
    // Structure (names, roles, landmarks) is the same in both schemes: dark re-checks colour only.
    const axe = new AxeBuilder({ page }).withTags(TAGS);
    const result = await (scheme === "dark" ? axe.withRules(["color-contrast", "link-in-text-block"]) : axe).analyze();
    for (const v of result.violations) {
      findings.push({
        page: name,
        scheme,
        rule: v.id,
        impact: v.impact ?? "unknown",
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
      });
    }
  }
}

test("every page passes axe (no serious or critical violation) in light and dark", async ({ browser }) => {
  const findings: Finding[] = [];
  const admin = await browser.newContext();
  await signInViaApi(admin, ADMIN);
  const announcement = await admin.request.post("/api/admin/announcements", {
    data: { title: "Maintenance tonight", body: "Expect a **short** pause at 22:00.", severity: "warning" },
  });
  expect(announcement.status()).toBe(201);
  const announcementId = ((await announcement.json()) as { id: string }).id;
  const guest = await browser.newContext();
  try {
    const page = await admin.newPage();

    // Signed out: login, signup, a page that does not exist.
    const out = await guest.newPage();
    await out.goto("/login");
    await expect(out.getByRole("button", { name: "Sign in" })).toBeVisible();
    await audit(out, "login", findings);
    await out.goto("/signup");
    await expect(out.getByRole("button", { name: "Create account" })).toBeVisible();
    await audit(out, "signup", findings);
    await out.goto("/no-such-page");
    await expect(out.getByRole("heading", { level: 1 })).toBeVisible();
    await audit(out, "404", findings);

    // A document with a table and a comment, then the same document through a view link as a guest.
    const documentId = await createDocument(admin, "Quarterly plan");
    await createDocument(admin, "Meeting notes");
    await openDocument(page, documentId);
    await editor(page).click();
    await page.keyboard.type("Goals for the quarter");
    await page.keyboard.press("Shift+Home");
    const sidebar = page.getByTestId("comments-sidebar");
    await sidebar.getByRole("textbox", { name: "New comment" }).fill("Should this say year?");
    await sidebar.getByRole("button", { name: "Comment", exact: true }).click();
    await expect(page.getByTestId("comment-thread")).toHaveCount(1);
    await editor(page).click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Insert table" }).click();
    await expect(editor(page).locator("table")).toBeVisible();
    await page.keyboard.type("Owner");
    await audit(page, "document", findings);
    // The document's dialogs and panels, open.
    await page.getByRole("button", { name: "Share" }).click();
    await expect(page.getByTestId("share-dialog")).toBeVisible();
    await audit(page, "share dialog", findings);
    await page.keyboard.press("Escape");
    await page.getByTestId("search-open").click();
    await page.getByTestId("search-input").fill("plan");
    await expect(page.getByTestId("search-result").first()).toBeVisible();
    await audit(page, "search dialog", findings);
    await page.keyboard.press("Escape");
    await editor(page).click();
    await page.keyboard.press("ControlOrMeta+/");
    await expect(page.getByTestId("shortcut-sheet")).toBeVisible();
    await audit(page, "shortcut sheet", findings);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "History" }).click();
    await expect(page.getByTestId("history-panel")).toBeVisible();
    await audit(page, "history panel", findings);

    const link = await admin.request.post(`/api/documents/${documentId}/links`, { data: { role: "viewer" } });
    expect(link.status(), await link.text()).toBe(201);
    const linkUrl = ((await link.json()) as { url: string }).url;
    await out.goto(new URL(linkUrl).pathname);
    await expect(out.getByTestId("guest-banner")).toBeVisible({ timeout: 30_000 });
    await expect(editor(out)).toContainText("Goals for the quarter");
    await audit(out, "share link", findings);

    // An invitation for someone without an account, opened by them.
    const invited = newAccount("Nia");
    const invite = await admin.request.post(`/api/documents/${documentId}/members`, { data: { email: invited.email, role: "editor" } });
    expect(invite.status(), await invite.text()).toBe(201);
    const inviteUrl = ((await invite.json()) as { url?: string }).url;
    expect(inviteUrl).toBeTruthy();
    const newcomer = await browser.newContext();
    const invitePage = await newcomer.newPage();
    await invitePage.goto(new URL(inviteUrl as string).pathname);
    await expect(invitePage.getByTestId("invitation-pending")).toBeVisible();
    await audit(invitePage, "invitation", findings);
    await newcomer.close();

    // Signed in: the dashboard, the trash (with a document in it), settings and admin.
    const old = await createDocument(admin, "Old draft");
    expect((await admin.request.delete(`/api/documents/${old}`)).status()).toBeLessThan(300);
    await page.goto("/dashboard");
    await expect(page.getByRole("link", { name: "Meeting notes" }).first()).toBeVisible();
    await audit(page, "dashboard", findings);
    // The page tree: a sub-page with its breadcrumbs, a row's menu, "Move to…", and the phone's drawer.
    const subPage = await createPage(admin, "Q3 detail", documentId);
    await openDocument(page, subPage);
    await expect(page.getByTestId("breadcrumbs").getByRole("link", { name: "Quarterly plan" })).toBeVisible();
    await expect(treeItem(page, "Q3 detail")).toHaveAttribute("aria-current", "page");
    await audit(page, "sub-page with tree", findings);
    // The toolbar's "More" menu, open (beside the tree and the comments, undo and redo move into it).
    await page.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name: "More formatting" }).click();
    await expect(page.getByRole("menu", { name: "More formatting" })).toBeVisible();
    await audit(page, "toolbar More menu", findings);
    await page.keyboard.press("Escape");
    await treeItem(page, "Q3 detail").focus();
    await page.keyboard.press("Shift+F10");
    await expect(page.getByTestId("page-row-menu")).toBeVisible();
    await audit(page, "page row menu", findings);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("move-page-dialog")).toBeVisible();
    await audit(page, "move page dialog", findings);
    await page.keyboard.press("Escape");
    const desktop = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId("show-pages").click();
    await expect(page.getByTestId("pages-drawer").getByRole("treeitem").first()).toBeVisible();
    await audit(page, "pages drawer (phone)", findings);
    await page.keyboard.press("Escape");
    if (desktop) await page.setViewportSize(desktop);
    await page.goto("/trash");
    await expect(page.getByText("Old draft")).toBeVisible();
    await audit(page, "trash", findings);
    await page.goto("/settings");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await audit(page, "settings", findings);
    await page.goto("/admin");
    await expect(page.getByTestId("admin-announcement").first()).toBeVisible();
    await audit(page, "admin", findings);
  } finally {
    await admin.request.delete(`/api/admin/announcements/${announcementId}`);
    await guest.close();
    await admin.close();
  }

  const lines = findings.map((f) => `${f.impact.padEnd(8)} ${f.page} (${f.scheme}) ${f.rule}: ${f.help} — ${f.targets.join(" | ")}`);
  if (lines.length) console.log(`axe findings:\n${lines.join("\n")}`);
  const blocking = findings.filter((f) => f.impact === "serious" || f.impact === "critical");
  expect(blocking.map((f) => `${f.page} (${f.scheme}) ${f.rule}: ${f.targets.join(" | ")}`)).toEqual([]);
});
