// A deploy pipeline's token, end to end: the administrator makes an announce-only token in Settings
// (the document boxes unticked), a script posts an announcement with it, a visitor's page shows it,
// and the admin page links the feed. A member's Settings offers no announcement scope.
// Screenshots of the token form (desktop and 390x844, light and dark) go to SHOTS_DIR when it is set.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, newAccount, signInViaApi } from "./support/accounts";
import { screenshots } from "./support/screens";

const shotsDir = process.env.SHOTS_DIR;
async function shots(page: Page, name: string) {
  if (shotsDir) await screenshots(page, name, { dir: shotsDir, fullPage: true, desktopHeight: 900 });
}

test("an administrator's announce-only token posts an announcement", async ({ page, browser, playwright }) => {
  await signInViaApi(page.context(), ADMIN);
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Create a token" });
  await form.getByLabel("Token name").fill("Deploy pipeline");
  await form.getByLabel("Read documents and comments").uncheck();
  await form.getByLabel("Post and withdraw announcements").check();
  await shots(page, "token-form-admin");
  await form.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token-value").textContent())?.trim() ?? "";
  expect(secret.length).toBeGreaterThan(20);
  await expect(page.getByTestId("token-row").filter({ hasText: "Deploy pipeline" }).getByTestId("token-scopes")).toHaveText("Posts announcements");

  // Nothing checked: the form says so next to the boxes and sends nothing.
  await form.getByLabel("Token name").fill("Nothing at all");
  await form.getByLabel("Read documents and comments").uncheck();
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Choose at least one thing this token may do.")).toBeVisible();
  await shots(page, "token-form-error");

  // The script: no cookies, only the token.
  const script = await playwright.request.newContext({ baseURL: page.url().replace(/\/settings.*$/, "") });
  const title = `Deploy ${Date.now()} rolling out`;
  const posted = await script.post("/api/admin/announcements", { headers: { authorization: `Bearer ${secret}` }, data: { title, severity: "info" } });
  expect(posted.status(), await posted.text()).toBe(201);
  expect((await script.get("/api/documents", { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(403);
  const current = await (await script.get("/api/announcements/current")).json();
  expect(current.announcements.map((a: { title: string }) => a.title)).toContain(title);

  // Closed below: an open context keeps its event stream, which later specs count.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/login");
  await expect(visitor.getByText(title)).toBeVisible({ timeout: 30_000 });
  await visitorContext.close();

  // The admin page links the feed; the feed lists it.
  await page.goto("/admin");
  const feedLink = page.getByRole("link", { name: "Atom feed of public announcements" });
  await expect(feedLink).toBeVisible();
  const feed = await script.get((await feedLink.getAttribute("href")) ?? "");
  expect(feed.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
  expect(await feed.text()).toContain(title);
  await shots(page, "admin-feed-links");
  expect((await script.delete(`/api/admin/announcements/${(await posted.json()).id}`, { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(200);
  await script.dispose();
});

test("a member's token form has no announcement scope", async ({ page }) => {
  await signInViaApi(page.context(), newAccount("Member"));
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Create a token" });
  await expect(form.getByLabel("Edit documents and write comments")).toBeVisible();
  await expect(form.getByLabel("Post and withdraw announcements")).toHaveCount(0);
  await shots(page, "token-form-member");
});
