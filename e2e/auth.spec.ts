// Sign-in and sign-up errors are shown next to the right field, and ?next= brings you back.
import { expect, test } from "@playwright/test";
import { newAccount, signIn, signUp } from "./support/accounts";

test("field errors, wrong password, and ?next= after signing in", async ({ page }) => {
  const cy = newAccount("Cy");
  await signUp(page, cy);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByTestId("current-user")).toHaveCount(0);

  // The same email again: the error sits under the email field.
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Someone else");
  await page.getByLabel("Email").fill(cy.email);
  await page.getByLabel("Password").fill("another password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("An account with this email already exists")).toBeVisible();

  // A short password is named as the problem.
  await page.getByLabel("Email").fill(`new.${cy.email}`);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Must be at least 8 characters.")).toBeVisible();

  // Wrong password: a plain message, no redirect.
  await signIn(page, { ...cy, password: "not the password" });
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);

  // Going to a protected page first brings you back there after signing in.
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings$/);
  await page.getByLabel("Email").fill(cy.email);
  await page.getByLabel("Password").fill(cy.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
});
