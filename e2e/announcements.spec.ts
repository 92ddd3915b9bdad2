// Announcements end to end: an administrator publishes in /admin; open pages show it live (no reload),
// render the Markdown safely, dismiss it for good (in every tab and browser of the same person), and
// see a revocation at once. Eight tabs of one browser share a single event stream.
// The administrator is the fixed ADMIN_EMAILS account of the run, so the spec order does not matter.
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { ADMIN, newAccount, signInViaApi, signUp } from "./support/accounts";

test.describe.configure({ timeout: 180_000 });

const eventsOpen = (page: Page) => expect(page.getByTestId("events-status")).toHaveAttribute("data-state", "open", { timeout: 30_000 });
const bannerTitled = (page: Page, title: string) => page.getByTestId("announcement-banner").filter({ hasText: title });

/** Publishes a banner through the admin API, as the administrator signed in on `admin`. */
async function publish(admin: BrowserContext, title: string): Promise<string> {
  const res = await admin.request.post("/api/admin/announcements", { data: { title, body: "From the e2e suite." } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function revoke(admin: BrowserContext, id: string): Promise<void> {
  const res = await admin.request.delete(`/api/admin/announcements/${id}`);
  expect(res.status(), await res.text()).toBe(200);
}

/** The server's count of open event streams, from its Prometheus metrics. */
async function openStreams(request: APIRequestContext): Promise<number> {
  const text = await (await request.get("/metrics")).text();
  const line = text.split("\n").find((l) => l.startsWith("tandem_sse_connections "));
  return line ? Number(line.split(" ")[1]) : Number.NaN;
}

test("publish in /admin, see it live, dismiss, revoke", async ({ page, browser }) => {
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/login");
  await eventsOpen(visitor);

  await signInViaApi(page.context(), ADMIN);
  const me = await (await page.request.get("/api/me")).json();
  expect(me.user.isAdmin, "ADMIN_EMAILS in playwright.config.ts makes this account the administrator").toBe(true);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Announcements" })).toBeVisible();

  await page.getByLabel("Title").fill("Upgrade tonight");
  await page.getByLabel("Message").fill('Tandem is **briefly offline** at 22:00. <img src="x" onerror="document.title=\'pwned\'">');
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("announcement-preview")).toContainText("briefly offline");
  await page.getByRole("button", { name: "Publish" }).click();
  const published = page.getByTestId("admin-announcement").filter({ hasText: "Upgrade tonight" });
  await expect(published).toHaveAttribute("data-status", "active");

  // The visitor's open page shows it without a reload, Markdown rendered and the HTML made inert.
  const banner = bannerTitled(visitor, "Upgrade tonight");
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner.locator("strong")).toHaveText("briefly offline");
  expect(await visitor.title()).not.toBe("pwned");

  // A signed-out visitor's dismissal is kept in the browser: still gone after a reload.
  await banner.getByRole("button", { name: /Dismiss/ }).click();
  await expect(banner).toHaveCount(0);
  await visitor.reload();
  await eventsOpen(visitor);
  await expect(banner).toHaveCount(0);

  // A notification toast, then revoked from /admin: it disappears from the open page.
  await page.getByLabel("Title").fill("Coffee in the kitchen");
  await page.getByLabel("Type").selectOption("notification");
  await page.getByRole("button", { name: "Publish" }).click();
  const toast = visitor.getByTestId("announcement-toast").filter({ hasText: "Coffee in the kitchen" });
  await expect(toast).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("admin-announcement").filter({ hasText: "Coffee in the kitchen" }).getByRole("button", { name: "Revoke" }).click();
  await page.getByTestId("ask-dialog").getByRole("button", { name: "Revoke" }).click(); // the app's confirm dialog
  await expect(toast).toHaveCount(0, { timeout: 30_000 });

  // Leave nothing active for the specs that follow.
  await published.getByRole("button", { name: "Revoke" }).click();
  await page.getByTestId("ask-dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(published).not.toHaveAttribute("data-status", "active");
  await visitorContext.close();
});

test("a signed-in person's dismissal hides the banner in their other tab and their other browser", async ({ browser }) => {
  const admin = await browser.newContext();
  await signInViaApi(admin, ADMIN);
  const person = newAccount("Gus");

  // Two tabs in one browser (signed up through the pages), and the same person in a second browser.
  const laptop = await browser.newContext();
  const firstTab = await laptop.newPage();
  await signUp(firstTab, person);
  const secondTab = await laptop.newPage();
  await secondTab.goto("/settings");
  const phone = await browser.newContext();
  await signInViaApi(phone, person);
  const phonePage = await phone.newPage();
  await phonePage.goto("/dashboard");
  for (const p of [firstTab, secondTab, phonePage]) await eventsOpen(p);

  const id = await publish(admin, "Planned maintenance on Sunday");
  for (const p of [firstTab, secondTab, phonePage]) await expect(bannerTitled(p, "Planned maintenance on Sunday")).toBeVisible({ timeout: 30_000 });

  await bannerTitled(firstTab, "Planned maintenance on Sunday")
    .getByRole("button", { name: /Dismiss/ })
    .click();
  await expect(bannerTitled(firstTab, "Planned maintenance on Sunday")).toHaveCount(0);
  await expect(bannerTitled(secondTab, "Planned maintenance on Sunday")).toHaveCount(0, { timeout: 30_000 });
  await expect(bannerTitled(phonePage, "Planned maintenance on Sunday")).toHaveCount(0, { timeout: 30_000 });

  // Stored on the server for this person: a reload anywhere keeps it dismissed.
  await phonePage.reload();
  await eventsOpen(phonePage);
  // A later announcement arrives after anything the stream would have replayed, so by then it would show.
  const later = await publish(admin, "Later news");
  await expect(bannerTitled(phonePage, "Later news")).toBeVisible({ timeout: 30_000 });
  await expect(bannerTitled(phonePage, "Planned maintenance on Sunday")).toHaveCount(0);

  await revoke(admin, id);
  await revoke(admin, later);
  for (const c of [admin, laptop, phone]) await c.close();
});

test("eight tabs of one browser share one event stream and all show the announcement once", async ({ browser }) => {
  const admin = await browser.newContext();
  await signInViaApi(admin, ADMIN);

  // Count the EventSources each tab creates, from before the page's own scripts run.
  const tabs = await browser.newContext();
  await tabs.addInitScript(() => {
    const Native = window.EventSource;
    const w = window as unknown as { __eventSources: number };
    w.__eventSources = 0;
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        w.__eventSources++;
      }
    };
  });
  const pages: Page[] = [];
  for (let i = 0; i < 8; i++) {
    const p = await tabs.newPage();
    await p.goto(i % 2 === 0 ? "/login" : "/signup");
    pages.push(p);
  }
  for (const p of pages) await eventsOpen(p);

  // One stream in the whole browser: counted in the pages and by the server (no other pages are open
  // now; streams of earlier tests' closed browsers may take a moment to be noticed, hence the poll).
  const counts = await Promise.all(pages.map((p) => p.evaluate(() => (window as unknown as { __eventSources: number }).__eventSources)));
  expect(
    counts.reduce((a, b) => a + b, 0),
    `EventSources per tab: ${counts.join(", ")}`,
  ).toBe(1);
  await expect.poll(() => openStreams(admin.request), { timeout: 30_000 }).toBe(1);

  const id = await publish(admin, "Eight tabs, one stream");
  for (const p of pages) await expect(bannerTitled(p, "Eight tabs, one stream")).toHaveCount(1, { timeout: 30_000 });

  // The tab holding the stream closes: another takes over, and the next announcement still reaches all.
  const leader = pages[counts.indexOf(1)];
  await leader.close();
  const rest = pages.filter((p) => p !== leader);
  const second = await publish(admin, "After the hand-over");
  for (const p of rest) await expect(bannerTitled(p, "After the hand-over")).toHaveCount(1, { timeout: 30_000 });
  await expect.poll(() => openStreams(admin.request), { timeout: 30_000 }).toBe(1);

  await revoke(admin, id);
  await revoke(admin, second);
  await tabs.close();
  await admin.close();
});
