// Personal access tokens: shown once, listed, usable against the API, and revoked; a password change
// that signs the other devices out (tokens kept); and an email change confirmed by its link.
import { expect, test } from "@playwright/test";
import { newAccount, signInViaApi, signUp } from "./support/accounts";
import { createDocument, openDocument } from "./support/documents";
import { screenshots } from "./support/screens";

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

// Changing the email: the change waits for its confirmation link (this server sends no mail, so the
// link is shown to copy); Cancel ends it; the link's page confirms it and Settings then shows the new
// address. Screenshots of the waiting state (desktop and phone, light and dark) when SHOTS_DIR is set.
test("a new email waits for its confirmation link, then changes", async ({ browser }) => {
  const account = newAccount("Moe");
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, account);
  await page.goto("/settings");
  const next = `moved-${account.email}`;
  const form = page.getByRole("form", { name: "Change your email" });
  await form.getByLabel("Email").fill(next);
  await form.getByLabel("Current password").fill(account.password);
  await form.getByRole("button", { name: "Change email" }).click();
  const pending = page.getByTestId("email-change-pending");
  await expect(pending).toContainText(`Waiting for confirmation of ${next}`);
  const link = await pending.getByLabel(`Confirmation link for ${next}`).inputValue();
  expect(link).toMatch(/\/confirm-email\/[A-Za-z0-9_-]{43}$/);
  if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/settings-email-link-desktop-light.png` });

  // Still the old address until the link is followed, and still waiting after a reload.
  await page.reload();
  await expect(page.getByTestId("email-change-pending")).toContainText(`Waiting for confirmation of ${next}`);
  expect((await (await page.request.get("/api/me")).json()).user.email).toBe(account.email);
  if (process.env.SHOTS_DIR) {
    const storageState = await context.storageState();
    for (const colorScheme of ["light", "dark"] as const) {
      for (const [size, viewport] of Object.entries({ desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } })) {
        const shot = await browser.newContext({ colorScheme, viewport, storageState });
        const p = await shot.newPage();
        await p.goto("/settings");
        await p.getByTestId("email-change-pending").scrollIntoViewIfNeeded();
        await p.screenshot({ path: `${process.env.SHOTS_DIR}/settings-email-${size}-${colorScheme}.png` });
        await shot.close();
      }
    }
  }

  await page.getByRole("button", { name: "Cancel change" }).click();
  await expect(page.getByTestId("email-change-pending")).toHaveCount(0);
  await page.goto(link);
  await expect(page.getByTestId("email-change-invalid")).toBeVisible();

  // Asked again: this time the link is followed.
  await page.goto("/settings");
  await form.getByLabel("Email").fill(next);
  await form.getByLabel("Current password").fill(account.password);
  await form.getByRole("button", { name: "Change email" }).click();
  const fresh = await page.getByTestId("email-change-pending").getByLabel(`Confirmation link for ${next}`).inputValue();
  await page.goto(fresh);
  await expect(page.getByRole("button", { name: "Confirm new email" })).toBeVisible();
  // The link's page in its valid state, before it is confirmed (desktop and phone, light and dark).
  if (process.env.SHOTS_DIR) await screenshots(page, "confirm-email-valid", { dir: process.env.SHOTS_DIR, settleMs: 200 });
  await page.getByRole("button", { name: "Confirm new email" }).click();
  await expect(page.getByTestId("email-change-done")).toContainText(`Your email is now ${next}.`);
  await page.getByRole("link", { name: "Back to Settings" }).click();
  await expect(page.getByRole("form", { name: "Change your email" }).getByLabel("Email")).toHaveValue(next);
  await expect(page.getByTestId("email-change-pending")).toHaveCount(0);
  await context.close();
});

// A new password: Settings says the other devices were signed out, and one of them, open on a document
// in another browser, says so at once (no reload); an access token keeps working.
test("changing the password signs the other devices out, and says so", async ({ browser, request }) => {
  const account = newAccount("Pax");
  const laptopContext = await browser.newContext();
  const phoneContext = await browser.newContext();
  await signInViaApi(laptopContext, account);
  await signInViaApi(phoneContext, account);
  const created = await laptopContext.request.post("/api/tokens", { data: { name: "Backup script" } });
  const secret: string = (await created.json()).token.token;
  const phone = await phoneContext.newPage();
  await openDocument(phone, await createDocument(phoneContext, "Pax's notes"));

  const laptop = await laptopContext.newPage();
  await laptop.goto("/settings");
  const form = laptop.getByRole("form", { name: "Change your password" });
  await expect(form).toContainText("Other devices will be signed out; access tokens keep working.");
  await expect(laptop.getByText("Changing your password does not revoke tokens")).toBeVisible();
  await form.getByLabel("Current password").fill(account.password);
  await form.getByLabel("New password").fill("a brand new secret");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText("Your password is changed. Other devices were signed out.");

  await expect(phone.getByTestId("signed-out-notice")).toBeVisible({ timeout: 5_000 });
  expect((await phoneContext.request.get("/api/me")).status()).toBe(401);
  expect((await laptopContext.request.get("/api/me")).status()).toBe(200);
  expect((await request.get("/api/me", { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(200);
  await Promise.all([laptopContext.close(), phoneContext.close()]);
});
