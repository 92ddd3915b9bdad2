// The dashboard's shortcuts and one's own account in the browser: a star puts a document in
// Favourites, opening one puts it in Recently opened; Settings changes the name (the header follows)
// and lists this device; "Forgot password?" answers the same for any email, and an administrator's
// reset link (made on the People page, shown once) sets a new password that signs in. Screenshots of
// the dashboard sections and Settings (desktop and phone, light and dark) under test-results/screens/.
import path from "node:path";
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { ADMIN, newAccount, signIn, signInViaApi } from "./support/accounts";
import { createDocument, openDocument } from "./support/documents";

test.describe.configure({ timeout: 180_000 });

const screens = (name: string) => path.join(process.env.SHOTS_DIR ?? path.join(test.info().project.outputDir, "screens"), `account-${name}.png`);
const SIZES = { desktop: { width: 1280, height: 800 }, mobile: { width: 390, height: 844 } } as const;

async function shoot(browser: Browser, context: BrowserContext, name: string, url: string, ready: (page: Page) => Locator) {
  const storageState = await context.storageState();
  for (const colorScheme of ["light", "dark"] as const) {
    for (const [size, viewport] of Object.entries(SIZES)) {
      const shot = await browser.newContext({ colorScheme, viewport, storageState });
      const page = await shot.newPage();
      await page.goto(url);
      await expect(ready(page).first()).toBeVisible();
      await page.waitForTimeout(300);
      await page.screenshot({ path: screens(`${name}-${size}-${colorScheme}`), fullPage: true });
      await shot.close();
    }
  }
}

test("a star puts a document in Favourites; opening one puts it in Recently opened", async ({ browser }) => {
  const ria = newAccount("Ria");
  const context = await browser.newContext();
  await signInViaApi(context, ria);
  await createDocument(context, "Quarterly plan");
  const notesId = await createDocument(context, "Meeting notes");
  const page = await context.newPage();
  await page.goto("/dashboard");
  const favourites = page.getByTestId("favourites");
  await expect(favourites).toContainText("Star a document to keep it here.");

  const row = page.getByTestId("document-row").filter({ hasText: "Quarterly plan" });
  await row.getByRole("button", { name: "Add Quarterly plan to favourites" }).click();
  await expect(favourites.getByTestId("shortcut")).toHaveText(/Quarterly plan/);
  await expect(row.getByRole("button", { name: "Remove Quarterly plan from favourites" })).toHaveAttribute("aria-pressed", "true");

  // Opened, then back: it leads Recently opened; the page's own star adds it to Favourites.
  await openDocument(page, notesId);
  await page.getByRole("button", { name: "Add Meeting notes to favourites" }).click();
  await expect(page.getByRole("button", { name: "Remove Meeting notes from favourites" })).toBeVisible();
  await page.getByRole("link", { name: "All documents" }).click();
  await expect(page.getByTestId("recently-opened").getByTestId("shortcut").first()).toContainText("Meeting notes");
  await expect(favourites.getByTestId("shortcut")).toHaveCount(2);
  // Still there after a reload (stored, not only in the page).
  await page.reload();
  await expect(favourites.getByTestId("shortcut").first()).toContainText("Meeting notes");

  await shoot(browser, context, "dashboard", "/dashboard", (p) => p.getByTestId("recently-opened").getByTestId("shortcut"));
  await context.close();
});

test("Settings changes the name and lists this device", async ({ browser }) => {
  const sol = newAccount("Sol");
  const context = await browser.newContext();
  await signInViaApi(context, sol);
  const page = await context.newPage();
  await page.goto("/settings");
  const nameForm = page.getByRole("form", { name: "Change your name" });
  await nameForm.getByLabel("Your name").fill("");
  await nameForm.getByRole("button", { name: "Save name" }).click();
  await expect(nameForm).toContainText("Enter your name.");
  await nameForm.getByLabel("Your name").fill("Sol Renamed");
  await nameForm.getByRole("button", { name: "Save name" }).click();
  await expect(nameForm.getByRole("status")).toHaveText("Your name is saved.");
  await expect(page.getByTestId("current-user")).toHaveText("Sol Renamed");

  const emailForm = page.getByRole("form", { name: "Change your email" });
  await emailForm.getByLabel("Current password").fill("not my password");
  await emailForm.getByRole("button", { name: "Change email" }).click();
  await expect(emailForm).toContainText("That is not your current password.");

  const sessions = page.getByTestId("signed-in-sessions");
  await expect(sessions.getByTestId("session-row").first()).toContainText("This device");
  await shoot(browser, context, "settings", "/settings", (p) => p.getByTestId("session-row"));
  await context.close();
});

test("forgot password answers the same; an administrator's reset link sets a new password", async ({ browser }) => {
  const kim = newAccount("Kim");
  const kimContext = await browser.newContext();
  await signInViaApi(kimContext, kim);
  await kimContext.close();

  const visitor = await (await browser.newContext()).newPage();
  await shoot(browser, visitor.context(), "forgot", "/forgot-password", (p) => p.getByRole("button", { name: "Send reset link" }));
  await visitor.goto("/login");
  await visitor.getByRole("link", { name: "Forgot password?" }).click();
  await expect(visitor.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await visitor.getByLabel("Email").fill(kim.email);
  await visitor.getByRole("button", { name: "Send reset link" }).click();
  await expect(visitor.getByTestId("forgot-answer")).toContainText("If an account uses that email");
  const known = await visitor.getByTestId("forgot-answer").textContent();
  await visitor.goto("/forgot-password");
  await visitor.getByLabel("Email").fill("nobody.here@example.com");
  await visitor.getByRole("button", { name: "Send reset link" }).click();
  await expect(visitor.getByTestId("forgot-answer")).toHaveText(known ?? "");

  // No mail on this run's server: the administrator makes the link on the People page.
  const adminContext = await browser.newContext();
  await signInViaApi(adminContext, ADMIN);
  const admin = await adminContext.newPage();
  await admin.goto("/admin");
  await admin.getByRole("searchbox", { name: "Search people" }).fill(kim.email);
  const row = admin.getByTestId("person-row").and(admin.locator(`[data-email="${kim.email}"]`));
  await row.getByRole("button", { name: `Make a password reset link for ${kim.name}` }).click();
  const link = await row.getByRole("textbox", { name: `Password reset link for ${kim.name}` }).inputValue();
  expect(link).toMatch(/\/reset\/[A-Za-z0-9_-]{43}$/);
  await row.screenshot({ path: screens("people-reset-link-desktop-light") });
  await adminContext.close();

  await shoot(browser, visitor.context(), "reset", link, (p) => p.getByLabel("New password"));
  await visitor.goto(link);
  await expect(visitor.getByText(`For ${kim.email}`)).toBeVisible();
  await visitor.getByLabel("New password").fill("a brand new secret");
  await visitor.getByRole("button", { name: "Set new password" }).click();
  await expect(visitor.getByTestId("reset-done")).toBeVisible();
  await visitor.goto(link);
  await expect(visitor.getByTestId("reset-invalid"), "a link works once").toBeVisible();

  await signIn(visitor, { ...kim, password: "a brand new secret" });
  await expect(visitor).toHaveURL(/\/dashboard$/);
  await expect(visitor.getByTestId("current-user")).toHaveText(kim.name);
});
