// Signing up and in through the real pages, with emails unique to each run.
import { expect, type Page } from "@playwright/test";

export type Account = { name: string; email: string; password: string };

let counter = 0;
export function newAccount(name: string): Account {
  const unique = `${Date.now().toString(36)}${(counter++).toString(36)}`;
  return { name, email: `${name.toLowerCase()}.${unique}@example.com`, password: "correct horse battery" };
}

export async function signUp(page: Page, account: Account): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("current-user")).toHaveText(account.name);
}

export async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
