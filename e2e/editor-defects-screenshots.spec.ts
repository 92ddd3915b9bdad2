// Screenshots of the document page (a task list, a table, an image, a comment's highlight and two
// other people's carets), the dashboard and the admin page, at desktop (1280×800) and phone (390×844)
// sizes, light and dark, saved as test artifacts (test-results/screens/) for a person to look at.
import path from "node:path";
import zlib from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, newAccount, signInViaApi } from "./support/accounts";
import { caretOf, createDocument, editor, expectTextContains, openDocument, share } from "./support/documents";

/** A real 320×160 PNG (a blue-to-purple gradient), big enough to be seen in the screenshots. */
function gradientPng(width = 320, height = 160): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1); // each row starts with filter byte 0
    for (let x = 0; x < width; x++) rows.set([60 + Math.round((x / width) * 120), 90, 200 - Math.round((y / height) * 60)], row + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

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

test.describe.configure({ timeout: 240_000 });

test("screenshots: document, dashboard, admin", async ({ page, browser }) => {
  const admin = await browser.newContext();
  await signInViaApi(admin, ADMIN);
  const res = await admin.request.post("/api/admin/announcements", { data: { title: "Tandem is updated tonight at 22:00", body: "Expect a short pause." } });
  const second = await admin.request.post("/api/admin/announcements", { data: { title: "New: task lists", severity: "success" } });
  const ids = [((await res.json()) as { id: string }).id, ((await second.json()) as { id: string }).id];
  const others = [newAccount("Bea"), newAccount("Cyrus")];
  const otherContexts = await Promise.all(others.map(() => browser.newContext()));
  try {
    await signInViaApi(page.context(), newAccount("Maya"));
    const id = await createDocument(page.context(), "Launch plan");
    await createDocument(page.context(), "Meeting notes");
    await openDocument(page, id);
    await editor(page).click();
    await page.keyboard.type("Goals for the launch");
    // A comment on the first line: its range is highlighted in the text.
    await page.keyboard.press("Shift+Home");
    const sidebar = page.getByTestId("comments-sidebar");
    await sidebar.getByRole("textbox", { name: "New comment" }).fill("Do we have numbers for this?");
    await sidebar.getByRole("button", { name: "Comment", exact: true }).click();
    await expect(editor(page).locator(".comment-highlight, [data-comment-id]").first()).toBeVisible();
    await editor(page).click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Task list" }).click();
    await page.keyboard.type("Write the announcement");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Check the pricing page");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter"); // out of the list
    await page.getByRole("button", { name: "Insert table" }).click();
    await page.keyboard.type("Owner");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Due");
    await page.keyboard.press("ControlOrMeta+End");
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "Insert image" }).click();
    await (await chooser).setFiles({ name: "red.png", mimeType: "image/png", buffer: gradientPng() });
    await expect(editor(page).locator("img[src^='/api/images/']")).toBeVisible({ timeout: 20_000 });
    await editor(page).getByText("Goals for the launch").click(); // the image unselected: no image bar over the table
    // Two other people in the document, their carets in the text.
    for (const [i, ctx] of otherContexts.entries()) {
      await signInViaApi(ctx, others[i]);
      await share(page.context(), id, others[i], "editor");
      const p = await ctx.newPage();
      await openDocument(p, id);
      await editor(p).click();
      await p.keyboard.press("ControlOrMeta+Home");
      if (i === 0) {
        await p.keyboard.press("End");
        await p.keyboard.type(" soon"); // Bea at the end of the first line
      } else {
        await p.keyboard.press("ArrowDown"); // Cyrus in the task list
      }
    }
    await expectTextContains(page, "Goals for the launch soon");
    for (const other of others) await expect(caretOf(page, other.name)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("announcement-banner").first()).toBeVisible({ timeout: 30_000 });
    await page.evaluate(() => window.scrollTo(0, 0));
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
    for (const ctx of otherContexts) await ctx.close();
  }
});
