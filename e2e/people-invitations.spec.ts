// People administration and invitations in the browser. An administrator deactivates an account
// whose document page is open: that page turns to the signed-out state at once. An owner shares with
// an email that has no account: without SMTP_URL (as this run's server) the dialog shows the link the
// log mailer wrote; the invited person opens it, signs up with the locked email and lands in the
// document; the owner's list no longer shows the invitation. Screenshots of the People section and the
// invitation page (desktop and phone, light and dark) under test-results/screens/.
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, newAccount, signInViaApi } from "./support/accounts";
import { createDocument, editor, openDocument } from "./support/documents";

test.describe.configure({ timeout: 180_000 });

const screens = (name: string) => path.join(test.info().project.outputDir, "screens", `people-${name}.png`);
const SIZES = { desktop: { width: 1280, height: 800 }, mobile: { width: 390, height: 844 } } as const;

/** The same page at both sizes and in both colour schemes. */
async function shoot(
  browser: Browser,
  name: string,
  url: string,
  ready: (page: Page) => Promise<void>,
  storageState?: Awaited<ReturnType<import("@playwright/test").BrowserContext["storageState"]>>,
) {
  for (const colorScheme of ["light", "dark"] as const) {
    for (const [size, viewport] of Object.entries(SIZES)) {
      const context = await browser.newContext({ colorScheme, viewport, storageState });
      const page = await context.newPage();
      await page.goto(url);
      await ready(page);
      await page.screenshot({ path: screens(`${name}-${size}-${colorScheme}`), fullPage: true });
      await context.close();
    }
  }
}

test("an administrator deactivates a signed-in person: their open document shows the signed-out state", async ({ browser }) => {
  const bo = newAccount("Bo");
  const adminContext = await browser.newContext();
  const boContext = await browser.newContext();
  await signInViaApi(adminContext, ADMIN);
  await signInViaApi(boContext, bo);
  const documentId = await createDocument(boContext, "Bo's notes");
  const boPage = await boContext.newPage();
  await openDocument(boPage, documentId);

  const admin = await adminContext.newPage();
  await admin.setViewportSize(SIZES.desktop);
  await admin.goto("/admin");
  await admin.getByRole("searchbox", { name: "Search people" }).fill(bo.email);
  const row = admin.getByTestId("person-row").and(admin.locator(`[data-email="${bo.email}"]`));
  await expect(row).toContainText("1 document");
  await row.getByRole("button", { name: `Deactivate ${bo.name}` }).click();
  const confirm = admin.getByRole("dialog");
  await expect(confirm).toContainText("signed out on every device at once");
  await confirm.getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Deactivated");

  // Bo's page: the editor stays as it was, read-only, and says Bo is signed out.
  await expect(boPage.getByTestId("signed-out-notice")).toBeVisible({ timeout: 5_000 });
  await expect(editor(boPage)).toBeVisible();
  // Signing in again is refused with a plain message.
  const login = await browser.newContext();
  const loginPage = await login.newPage();
  await loginPage.goto("/login");
  await loginPage.getByLabel("Email").fill(bo.email);
  await loginPage.getByLabel("Password").fill(bo.password);
  await loginPage.getByRole("button", { name: "Sign in" }).click();
  await expect(loginPage.getByRole("alert").filter({ hasText: "deactivated" })).toContainText("Ask an administrator");

  // Reactivated, Bo signs in again.
  await row.getByRole("button", { name: `Reactivate ${bo.name}` }).click();
  await expect(row).not.toContainText("Deactivated");
  await loginPage.getByRole("button", { name: "Sign in" }).click();
  await expect(loginPage).toHaveURL(/\/dashboard$/);

  // Screenshots with the other pages closed: their event streams hold Chromium's six connections per host.
  const adminState = await adminContext.storageState();
  await Promise.all([adminContext.close(), boContext.close(), login.close()]);
  await shoot(
    browser,
    "admin",
    "/admin",
    async (page) => {
      await page.getByRole("heading", { name: "People" }).scrollIntoViewIfNeeded();
      await expect(page.getByTestId("person-row").first()).toBeVisible();
    },
    adminState,
  );
});

test("an owner invites a new email; the link leads to sign-up with that email and into the document", async ({ browser }) => {
  const olga = newAccount("Olga");
  const nia = newAccount("Nia");
  const owner = await browser.newContext();
  await signInViaApi(owner, olga);
  const documentId = await createDocument(owner, "Launch plan");
  const page = await owner.newPage();
  await page.setViewportSize(SIZES.desktop);
  await openDocument(page, documentId);
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByTestId("share-dialog");
  await dialog.getByRole("textbox", { name: "Share with" }).fill(nia.email);
  await dialog.getByRole("button", { name: "Add" }).click();
  const linkBox = dialog.getByTestId("invitation-link");
  await expect(linkBox).toContainText(`${nia.email} has no Tandem account yet`);
  const url = await linkBox.getByRole("textbox").inputValue();
  expect(url).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(dialog.getByTestId("invitation-row")).toContainText(nia.email);
  await expect(dialog.getByTestId("invitation-row")).toContainText("Invited · can edit");
  await page.screenshot({ path: screens("share-dialog-invited") });

  // Nia, in a fresh browser, opens the link.
  const invitePath = new URL(url).pathname;
  await shoot(browser, "invite", invitePath, async (p) => {
    await expect(p.getByTestId("invitation-pending")).toBeVisible();
  });
  const niaContext = await browser.newContext();
  const niaPage = await niaContext.newPage();
  await niaPage.goto(invitePath);
  await expect(niaPage.getByTestId("invitation-pending")).toContainText(`${olga.name} invited you to edit “Launch plan”`);
  const email = niaPage.getByLabel("Email");
  await expect(email).toHaveValue(nia.email);
  await expect(email).toHaveAttribute("readonly", "");
  await niaPage.getByLabel("Your name").fill(nia.name);
  await niaPage.getByLabel("Password").fill(nia.password);
  await niaPage.getByRole("button", { name: "Create account and open the document" }).click();
  await expect(niaPage).toHaveURL(new RegExp(`/documents/${documentId}$`));
  await expect(editor(niaPage)).toBeVisible({ timeout: 30_000 });

  // The owner's dialog, reopened: Nia is a member, the invitation is gone.
  await page.reload();
  await page.getByRole("button", { name: "Share" }).click();
  await expect(dialog.getByTestId("member-row").and(page.locator(`[data-email="${nia.email}"]`))).toBeVisible();
  await expect(dialog.getByTestId("invitation-row")).toHaveCount(0);

  // A used link says so, and whom to ask.
  const later = await browser.newContext();
  const laterPage = await later.newPage();
  await laterPage.goto(invitePath);
  await expect(laterPage.getByTestId("invitation-invalid")).toContainText(`This invitation is no longer valid — ask ${olga.name} for a new one.`);
  await Promise.all([owner.close(), niaContext.close(), later.close()]);
  await shoot(browser, "invite-invalid", invitePath, async (p) => {
    await expect(p.getByTestId("invitation-invalid")).toBeVisible();
  });
});
