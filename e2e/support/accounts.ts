// Signing up and in through the real pages, with emails unique to each run.
import { expect, type BrowserContext, type Page } from "@playwright/test";

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

/** The run's administrator (ADMIN_EMAILS in playwright.config.ts), so admin specs can run in any order. */
export const ADMIN: Account = { name: "Admin", email: "admin@e2e.test", password: "correct horse battery" };

/**
 * Signs a browser context in through the API (faster than the pages; the pages are tested elsewhere):
 * creates the account, or signs in when an earlier test already created it. The session cookie lands
 * in the context's cookie jar, so its pages are signed in.
 */
export async function signInViaApi(context: BrowserContext, account: Account): Promise<void> {
  const signup = await context.request.post("/api/auth/signup", { data: account });
  if (signup.status() === 201) return;
  expect(signup.status(), await signup.text()).toBe(409);
  const login = await context.request.post("/api/auth/login", { data: { email: account.email, password: account.password } });
  expect(login.status(), await login.text()).toBe(200);
}
