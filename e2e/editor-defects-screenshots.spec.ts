// Screenshots of the document page, the dashboard and the admin page, at desktop and phone sizes,
// light and dark, saved as test artifacts (test-results/screens/) for a person to look at.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, newAccount, signInViaApi } from "./support/accounts";
import { createDocument, editor, openDocument } from "./support/documents";

const sizes = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;
const schemes = ["light", "dark"] as const;

async function shoot(page: Page, name: string) {
  for (const size of sizes) {
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const scheme of schemes) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(150);
      await page.screenshot({ path: path.join(test.info().project.outputDir, "screens", `${name}-${size.name}-${scheme}.png`) });
    }
  }
}

test("screenshots: document, dashboard, admin", async ({ page, browser }) => {
  const admin = await browser.newContext();
  await signInViaApi(admin, ADMIN);
  const res = await admin.request.post("/api/admin/announcements", { data: { title: "Tandem is updated tonight at 22:00", body: "Expect a short pause." } });
  const second = await admin.request.post("/api/admin/announcements", { data: { title: "New: task lists", severity: "success" } });
  const ids = [((await res.json()) as { id: string }).id, ((await second.json()) as { id: string }).id];
  try {
    await signInViaApi(page.context(), newAccount("Maya"));
    const id = await createDocument(page.context(), "Launch plan");
    await createDocument(page.context(), "Meeting notes");
    await openDocument(page, id);
    await editor(page).click();
    await page.keyboard.type("Goals for the launch");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Task list" }).click();
    await page.keyboard.type("Write the announcement");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Check the pricing page");
    await expect(page.getByTestId("announcement-banner").first()).toBeVisible({ timeout: 30_000 });
    await shoot(page, "document");
    await page.goto("/dashboard");
    await expect(page.getByRole("link", { name: "Meeting notes" }).first()).toBeVisible();
    await shoot(page, "dashboard");

    const a = await admin.newPage();
    await a.goto("/admin");
    await expect(a.getByTestId("admin-announcement").first()).toBeVisible();
    await shoot(a, "admin");
  } finally {
    for (const id of ids) await admin.request.delete(`/api/admin/announcements/${id}`);
    await admin.close();
  }
});
