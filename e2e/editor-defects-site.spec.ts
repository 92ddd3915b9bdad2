// Issue 14, around the editor: toasts, error messages, the banner stack, and public/ files.
// Every test here failed on the code before the fix (run against that build).
import { expect, test, type BrowserContext, type Locator } from "@playwright/test";
import { ADMIN, newAccount, signInViaApi, signUp } from "./support/accounts";
import { createDocument, openDocument, share } from "./support/documents";

type Box = { x: number; y: number; width: number; height: number };
const box = async (l: Locator): Promise<Box> => {
  const b = await l.boundingBox();
  if (!b) throw new Error("element has no box (not visible)");
  return b;
};
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function publish(admin: BrowserContext, data: Record<string, unknown>): Promise<string> {
  const res = await admin.request.post("/api/admin/announcements", { data: { body: "From the defects suite.", ...data } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
const revokeAll = async (admin: BrowserContext, ids: string[]) => {
  for (const id of ids) await admin.request.delete(`/api/admin/announcements/${id}`);
};

test("a share toast opens inside the viewport, clear of the bell and Sign out", async ({ page, browser }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const bea = newAccount("Bea");
  await signUp(page, bea);
  const owner = await browser.newContext();
  await signInViaApi(owner, newAccount("Ada"));
  await share(owner, await createDocument(owner, "For Bea"), bea, "editor");

  const toast = page.getByTestId("notification-toast");
  await expect(toast).toBeVisible({ timeout: 30_000 });
  const t = await box(toast);
  // Before: fixed inside the header (backdrop-blur makes it the containing block), at y = -54.
  expect(t.y).toBeGreaterThanOrEqual(0);
  expect(t.y + t.height).toBeLessThanOrEqual(800);
  for (const control of [page.getByRole("button", { name: /^Notifications/ }), page.getByRole("button", { name: "Sign out" })]) {
    expect(overlaps(t, await box(control)), "the toast covers a header control").toBe(false);
  }
  await owner.close();
});

test("sign-up flags every empty field at once, and API errors read as sentences next to their field", async ({ page, browser }) => {
  await page.goto("/signup");
  await page.getByRole("button", { name: "Create account" }).click();
  // Before: only the first field the server met ("name: must not be empty").
  for (const label of ["Your name", "Email", "Password"]) await expect(page.getByLabel(label)).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await expect(page.getByText("Enter your email address.")).toBeVisible();

  // Renaming to an empty title: plain words under the field, not "title: must not be empty".
  await signUp(page, newAccount("Ren"));
  const id = await createDocument(page.context(), "Named");
  await openDocument(page, id);
  await page.getByRole("button", { name: "Rename document" }).click();
  await page.getByLabel("Document title").fill("   ");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Enter a title." })).toBeVisible();
  await expect(page.getByText("title:")).toHaveCount(0);

  // An announcement ending before it starts: the error sits under "Show until", in words.
  const admin = await browser.newContext();
  await signInViaApi(admin, ADMIN);
  const a = await admin.newPage();
  await a.goto("/admin");
  await a.getByLabel("Title").fill("Backwards");
  await a.getByLabel("Show from").fill("2031-05-02T10:00");
  await a.getByLabel("Show until").fill("2031-05-01T10:00");
  await a.getByRole("button", { name: "Publish" }).click();
  await expect(a.getByLabel("Show until")).toHaveAttribute("aria-invalid", "true");
  await expect(a.getByTestId("field-error")).toHaveText("Must be after the start time.");
  await expect(a.getByText("endsAt")).toHaveCount(0);
  await admin.close();
});

test("banners: one shown with +N more on a phone, text in line with the header; the corner toast clears the admin list", async ({ browser }) => {
  const admin = await browser.newContext();
  await signInViaApi(admin, ADMIN);
  const ids: string[] = [];
  try {
    for (let i = 1; i <= 5; i++)
      ids.push(await publish(admin, { title: `Stacked banner ${i}`, body: "A sentence long enough to wrap on a phone screen, like real news does." }));
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const p = await phone.newPage();
    await p.goto("/login");
    const stack = p.getByTestId("banner-stack");
    await expect(p.getByTestId("announcement-banner")).toHaveCount(5, { timeout: 30_000 });
    // Before: all five, about 750 of 844 px.
    await expect(p.getByTestId("announcement-banner").filter({ visible: true })).toHaveCount(1);
    expect((await box(stack)).height).toBeLessThan(120);
    await p.getByRole("button", { name: "+4 more" }).click();
    await expect(p.getByTestId("announcement-banner").filter({ visible: true })).toHaveCount(5);
    await phone.close();

    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const d = await desk.newPage();
    await d.goto("/login");
    const title = d.getByTestId("announcement-banner").filter({ visible: true }).locator("p").first();
    await expect(title).toBeVisible({ timeout: 30_000 });
    // Before: 16 px to the left of the header's "Tandem".
    expect(Math.abs((await box(title)).x - (await box(d.getByRole("link", { name: "Tandem" }))).x)).toBeLessThanOrEqual(1);
    await desk.close();

    // A notification toast on the admin page: no button of the list under it, even scrolled to the end.
    ids.push(await publish(admin, { title: "Corner toast", kind: "notification" }));
    const adminPage = await admin.newPage();
    await adminPage.setViewportSize({ width: 1280, height: 800 });
    await adminPage.goto("/admin");
    const toast = adminPage.getByTestId("announcement-toast");
    await expect(toast).toBeVisible({ timeout: 30_000 });
    await expect(adminPage.getByTestId("admin-announcement").first()).toBeVisible();
    for (const where of ["end", "middle"] as const) {
      await adminPage.evaluate((w) => window.scrollTo(0, w === "end" ? document.body.scrollHeight : document.body.scrollHeight / 2), where);
      await adminPage.waitForTimeout(100);
      const t = await box(toast);
      const buttons = adminPage.getByTestId("admin-announcement").getByRole("button");
      for (const b of await buttons.all()) {
        const bb = await b.boundingBox();
        if (bb && bb.y + bb.height > 0 && bb.y < 800) expect(overlaps(t, bb), `toast over "${await b.textContent()}" (${where})`).toBe(false);
      }
    }
  } finally {
    await revokeAll(admin, ids);
    await admin.close();
  }
});

test("public/: favicon.ico, a web manifest and robots.txt; a 404 page titled as one", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  const bytes = await ico.body();
  expect([...bytes.subarray(0, 4)], "an ICO header").toEqual([0, 0, 1, 0]);

  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  const m = (await manifest.json()) as { name: string; theme_color: string; icons: { src: string }[] };
  expect(m.name).toBe("Tandem");
  expect(m.theme_color).toMatch(/^#/);
  for (const icon of m.icons) expect((await request.get(icon.src)).status(), icon.src).toBe(200);

  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toContain("User-agent");

  await page.goto("/no-such-page-here");
  await expect(page).toHaveTitle("Page not found · Tandem");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
});
