// An announcement people must read: it stays (no dismiss button) until the reader presses "I have
// read this", and then disappears in a second browser of the same account without a reload, while
// the administrator's page shows the figures move live. Also takes the screenshots of the ack banner
// and the admin reach view (desktop and phone, light and dark); SHOTS_DIR picks where they go.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, newAccount, signInViaApi } from "./support/accounts";
import { screenshots } from "./support/screens";

test.describe.configure({ timeout: 180_000 });

const eventsOpen = (page: Page) => expect(page.getByTestId("events-status")).toHaveAttribute("data-state", "open", { timeout: 30_000 });

const shots = (page: Page, name: string, focus?: () => Promise<void>) =>
  screenshots(page, name, { dir: process.env.SHOTS_DIR ?? test.info().outputPath("screens"), focus });

test("must be acknowledged; clears in every browser of the account; admin figures move live", async ({ page, browser }) => {
  const reader = newAccount("Reader");
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  await signInViaApi(laptop, reader);
  await signInViaApi(phone, reader);
  const [a, b] = [await laptop.newPage(), await phone.newPage()];
  for (const p of [a, b]) {
    await p.goto("/dashboard");
    await eventsOpen(p);
  }

  await signInViaApi(page.context(), ADMIN);
  await page.goto("/admin");
  await eventsOpen(page);
  const title = `Read the new policy ${Date.now().toString(36)}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Message").fill("Please read the **updated travel policy** before booking.");
  await page.getByLabel("People must confirm they have read it").check();
  await page.getByRole("button", { name: "Publish" }).click();
  const row = page.getByTestId("admin-announcement").filter({ hasText: title });
  await expect(row).toHaveAttribute("data-status", "active");
  await expect(row).toContainText("must be confirmed");

  // Both browsers of the reader show it, with "I have read this" and no dismiss button.
  const bannerIn = (p: Page) => p.getByTestId("announcement-banner").filter({ hasText: title });
  for (const p of [a, b]) {
    await expect(bannerIn(p)).toBeVisible({ timeout: 30_000 });
    await expect(bannerIn(p).getByTestId("announcement-ack")).toBeVisible();
    await expect(bannerIn(p).getByTestId("announcement-dismiss")).toHaveCount(0);
  }

  // Seen once per account, and only on screen: the reader's two browsers count once; the admin's own
  // banner is scrolled out of view (the list is below the form), until the admin scrolls up.
  const reach = row.getByTestId("reach");
  // Delivered counts stream writes: three open streams, or more when one reconnected and got it replayed.
  await expect.poll(async () => Number(await reach.getByTestId("reach-delivered").textContent()), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
  await expect(reach.getByTestId("reach-seen")).toHaveText("1", { timeout: 15_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(bannerIn(page)).toBeInViewport();
  await row.scrollIntoViewIfNeeded();
  await expect(reach.getByTestId("reach-seen")).toHaveText("2", { timeout: 15_000 });
  await expect(reach.getByTestId("reach-acknowledged")).toHaveText("0");
  const pendingText = await reach.getByTestId("reach-pending").textContent();
  const pendingBefore = Number(/\d+/.exec(pendingText ?? "")?.[0]);
  expect(pendingBefore).toBeGreaterThanOrEqual(2); // at least the admin and the reader

  await shots(a, "ack-banner");
  await reach.getByTestId("reach-pending").click();
  await shots(page, "admin-reach", () => row.scrollIntoViewIfNeeded());

  // Acknowledged on the laptop: gone there and, live, on the phone; the admin's figures follow.
  await bannerIn(a).getByTestId("announcement-ack").click();
  await expect(bannerIn(a)).toHaveCount(0);
  await expect(bannerIn(b)).toHaveCount(0, { timeout: 15_000 });
  await expect(reach.getByTestId("reach-acknowledged")).toHaveText("1", { timeout: 15_000 });
  await expect(reach.getByTestId("reach-pending")).toContainText(String(pendingBefore - 1));
  await expect(reach.getByTestId("reach-seen")).toHaveText("2");

  // Still gone after a reload; still there for the admin, who has not acknowledged.
  await b.reload();
  await eventsOpen(b);
  await expect(bannerIn(b)).toHaveCount(0);
  await expect(bannerIn(page)).toBeVisible();

  // Leave nothing active for the specs that follow.
  const id = await row.getByTestId("reach").getAttribute("data-announcement-id");
  expect((await page.request.delete(`/api/admin/announcements/${id}`)).status()).toBe(200);
  await laptop.close();
  await phone.close();
});
