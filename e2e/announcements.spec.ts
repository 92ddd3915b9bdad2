// Announcements end to end: an administrator publishes in /admin; a signed-out visitor's open page shows
// it live (no reload), renders the Markdown safely, dismisses it for good, and sees a revocation at once.
// Runs first (files run in alphabetical order on one worker), so its first account is the administrator.
import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";

test("publish, see it live, dismiss, revoke", async ({ page, browser }) => {
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/login");
  await expect(visitor.getByTestId("events-status")).toHaveAttribute("data-state", "open");

  await signUp(page, newAccount("Ada"));
  const me = await (await page.request.get("/api/me")).json();
  expect(me.user.isAdmin, "this spec needs the first account of the run (the administrator)").toBe(true);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Announcements" })).toBeVisible();

  await page.getByLabel("Title").fill("Upgrade tonight");
  await page.getByLabel("Message").fill('Tandem is **briefly offline** at 22:00. <img src="x" onerror="document.title=\'pwned\'">');
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("announcement-preview")).toContainText("briefly offline");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("admin-announcement").filter({ hasText: "Upgrade tonight" })).toHaveAttribute("data-status", "active");

  const banner = visitor.getByTestId("announcement-banner").filter({ hasText: "Upgrade tonight" });
  await expect(banner).toBeVisible();
  await expect(banner.locator("strong")).toHaveText("briefly offline");
  expect(await visitor.title()).not.toBe("pwned");

  // A signed-out visitor's dismissal is kept in the browser: still gone after a reload.
  await banner.getByRole("button", { name: /Dismiss/ }).click();
  await expect(banner).toHaveCount(0);
  await visitor.reload();
  await expect(visitor.getByTestId("events-status")).toHaveAttribute("data-state", "open");
  await expect(banner).toHaveCount(0);

  // A notification toast, then revoked from /admin: it disappears from the open page.
  await page.getByLabel("Title").fill("Coffee in the kitchen");
  await page.getByLabel("Type").selectOption("notification");
  await page.getByRole("button", { name: "Publish" }).click();
  const toast = visitor.getByTestId("announcement-toast").filter({ hasText: "Coffee in the kitchen" });
  await expect(toast).toBeVisible();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByTestId("admin-announcement").filter({ hasText: "Coffee in the kitchen" }).getByRole("button", { name: "Revoke" }).click();
  await expect(toast).toHaveCount(0);
  await visitorContext.close();
});
