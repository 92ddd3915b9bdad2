// Personal access tokens: shown once, listed, usable against the API, and revoked.
import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";

test("create a token, use it, revoke it", async ({ page, request }) => {
  await signUp(page, newAccount("Dee"));
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByText("You have no tokens.")).toBeVisible();

  await page.getByLabel("Token name").fill("Backup script");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token-value").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^tdm_/);
  await expect(page.getByTestId("token-row")).toHaveCount(1);

  // The token works as a bearer credential (a fresh request context has no cookies).
  const me = await request.get("/api/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);

  // After a reload the secret is gone for good; the row stays.
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await expect(page.getByTestId("token-row")).toContainText("Backup script");

  await page
    .getByTestId("token-row")
    .getByRole("button", { name: /^Revoke/ })
    .click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByText("You have no tokens.")).toBeVisible();
  const after = await request.get("/api/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
});
