// Issue 16: files dropped on the editor that cannot become images say why, in the same problem toast
// as a refused paste or pick (components/editor/UploadProblems.tsx): a wrong type at once, a file over
// IMAGE_MAX_BYTES in the server's words, and any file while offline. Nothing is added for them.
// Screenshots of the toast: test-results/…/drop-screens/.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signInViaApi } from "./support/accounts";
import { createDocument, editor, openDocument } from "./support/documents";
import { screenshots } from "./support/screens";

// A real 2×2 PNG (red).
const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==";

type Dropped = { name: string; type: string; base64?: string /** Bytes of padding after a PNG header, built in the page. */; padTo?: number };

/** A drop of files onto the middle of the editor, as the browser fires it. */
async function dropOnto(page: Page, files: Dropped[]) {
  await editor(page).evaluate(
    (el, { files, png }) => {
      const data = new DataTransfer();
      for (const f of files) {
        const head = Uint8Array.from(atob(f.base64 ?? png), (c) => c.charCodeAt(0));
        const bytes = f.padTo ? new Uint8Array(f.padTo) : head;
        bytes.set(head);
        data.items.add(new File([bytes], f.name, { type: f.type }));
      }
      const box = el.getBoundingClientRect();
      const at = { clientX: box.left + box.width / 2, clientY: box.top + 10 };
      el.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true, ...at }));
      el.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true, ...at }));
    },
    { files, png: PNG_BASE64 },
  );
}

const images = (page: Page) => editor(page).locator("img:not(.ProseMirror-separator)");

test("a dropped file of the wrong type or over the size limit says why; a good one is added", async ({ page }) => {
  await signInViaApi(page.context(), newAccount("Dora"));
  const id = await createDocument(page.context(), "Dropped files");
  await openDocument(page, id);
  await editor(page).click();
  await page.keyboard.type("Drop pictures here");

  const problems = page.getByTestId("upload-error");
  await dropOnto(page, [{ name: "report.pdf", type: "application/pdf", base64: btoa("%PDF-1.4") }]);
  await expect(problems.filter({ hasText: "“report.pdf” was not added" })).toContainText("not a PNG, JPEG, GIF or WebP image");

  // 6 MB: over the 5 MB IMAGE_MAX_BYTES. The server refuses it; its words are shown.
  await dropOnto(page, [{ name: "holiday.png", type: "image/png", padTo: 6 * 1024 * 1024 }]);
  await expect(problems.filter({ hasText: "“holiday.png” was not added" })).toContainText("larger than 5 MB", { timeout: 20_000 });
  await expect(page.getByTestId("image-upload-placeholder")).toHaveCount(0);
  await expect(images(page)).toHaveCount(0);

  await screenshots(page, "drop-problems", { dir: path.join(test.info().project.outputDir, "drop-screens"), settleMs: 200 });

  // A good one still arrives.
  await dropOnto(page, [{ name: "red.png", type: "image/png" }]);
  await expect(images(page).first()).toHaveAttribute("src", /^\/api\/images\/[\w-]+$/, { timeout: 20_000 });
});

test("a file dropped while offline says so and adds nothing", async ({ page, context }) => {
  await signInViaApi(context, newAccount("Otto"));
  const id = await createDocument(context, "Offline drop");
  await openDocument(page, id);
  await editor(page).click();
  await context.setOffline(true);
  await dropOnto(page, [{ name: "red.png", type: "image/png" }]);
  await expect(page.getByTestId("upload-error")).toContainText("“red.png” was not added. You are offline");
  await expect(images(page)).toHaveCount(0);
  await context.setOffline(false);
});
