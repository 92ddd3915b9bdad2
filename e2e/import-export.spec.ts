// Import and export end to end: two Markdown files (one with a table, one with lists, tasks and code)
// imported through the dashboard's file chooser, one opened with its formatting in the editor, then
// downloaded as Markdown (and with its sub-pages as a .zip) from "Download as…" and compared with what went in; a Word file with a picture
// opens with the picture loaded from the image store. Screenshots of the import list and the download
// menu go to /tmp/import-export/shots when SHOTS=1.
import fs from "node:fs";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { expect, test, type Page } from "@playwright/test";
import { Document, HeadingLevel, ImageRun, Packer, Paragraph } from "docx";
import { newAccount, signUp } from "./support/accounts";
import { screenshots } from "./support/screens";

test.describe.configure({ timeout: 120_000 });

const TABLE_MD = "# Team scores\n\n| Name | Score |\n| --- | --- |\n| Ada | 10 |\n| Grace | 12 |\n";
const LISTS_MD =
  "# Launch checklist\n\n- [x] Write the notes\n- [ ] Ship it\n\n1. First\n2. Second\n\n```js\nconst ok = true;\n```\n\n> Quoted **bold** text\n";
const HOSTILE_HTML =
  '<html><head><title>Web notes</title></head><body><h1>Web notes</h1><script>window.pwned = 1</script><p onclick="alert(1)">Hello <a href="javascript:alert(1)">bad</a> <a href="https://example.com">good</a></p><ul><li><input type="checkbox" checked> done</li><li><input type="checkbox"> todo</li></ul><iframe src="https://evil.example"></iframe></body></html>';
const SHOTS = process.env.SHOTS === "1" ? "/tmp/import-export/shots" : undefined;

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

test("import two Markdown files, open one formatted, download it back as the same Markdown", async ({ page }) => {
  await signUp(page, newAccount("Importer"));
  await page.goto("/dashboard");
  const chooser = page.waitForEvent("filechooser");
  await page.getByTestId("import-button").click();
  await (await chooser).setFiles([
    { name: "scores.md", mimeType: "text/markdown", buffer: Buffer.from(TABLE_MD) },
    { name: "checklist.md", mimeType: "text/markdown", buffer: Buffer.from(LISTS_MD) },
    { name: "slides.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4") },
    { name: "web.html", mimeType: "text/html", buffer: Buffer.from(HOSTILE_HTML) },
  ]);
  const items = page.getByTestId("import-item");
  await expect(items).toHaveCount(4);
  await expect(items.filter({ hasText: "web.html" })).toHaveAttribute("data-state", "done");
  await expect(items.filter({ hasText: "scores.md" })).toHaveAttribute("data-state", "done");
  await expect(items.filter({ hasText: "checklist.md" })).toHaveAttribute("data-state", "done");
  await expect(items.filter({ hasText: "slides.pdf" })).toHaveAttribute("data-state", "failed");
  await expect(items.filter({ hasText: "slides.pdf" })).toContainText("Markdown");
  await shot(page, "import-list-desktop-light");

  await page.getByRole("link", { name: /open “Launch checklist”/ }).click();
  const editor = page.getByTestId("editor");
  await expect(editor.locator("h1")).toHaveText("Launch checklist");
  await expect(editor.locator('ul[data-type="taskList"] li')).toHaveCount(2);
  await expect(editor.locator("ol li")).toHaveCount(2);
  await expect(editor.locator("pre code")).toHaveText("const ok = true;");
  await expect(editor.locator("blockquote strong")).toHaveText("bold");

  await page.getByTestId("download-button").click();
  await expect(page.getByTestId("download-menu")).toBeVisible();
  await shot(page, "download-menu-desktop-light");
  const download = page.waitForEvent("download");
  await page.getByTestId("download-md").click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("Launch checklist.md");
  expect(fs.readFileSync(await file.path(), "utf8")).toBe(LISTS_MD);

  // With its sub-pages (none yet): a .zip holding the page and documents.json.
  const zipDownload = page.waitForEvent("download");
  await page.getByTestId("download-button").click();
  await page.getByTestId("download-with-sub-pages").click();
  const zip = await zipDownload;
  expect(zip.suggestedFilename()).toBe("Launch checklist.zip");
  const zipped = unzipSync(new Uint8Array(fs.readFileSync(await zip.path())));
  expect(Object.keys(zipped).sort()).toEqual(["Launch checklist.md", "documents.json"]);
  expect(strFromU8(zipped["Launch checklist.md"])).toBe(LISTS_MD);

  // As Word, then imported back (uploaded as it is; mammoth on the server): the same document again, exported the same.
  const wordDownload = page.waitForEvent("download");
  await page.getByTestId("download-button").click();
  await page.getByTestId("download-docx").click();
  const word = await wordDownload;
  expect(word.suggestedFilename()).toBe("Launch checklist.docx");
  await page.goto("/dashboard");
  const wordChooser = page.waitForEvent("filechooser");
  await page.getByTestId("import-button").click();
  await (await wordChooser).setFiles([{ name: "checklist.docx", mimeType: "application/octet-stream", buffer: fs.readFileSync(await word.path()) }]);
  await expect(items.filter({ hasText: "checklist.docx" })).toHaveAttribute("data-state", "done");
  const wordHref = await page
    .getByRole("link", { name: /open “Launch checklist”/ })
    .first()
    .getAttribute("href");
  const fromWord = await page.request.get(`/api/documents/${wordHref?.split("/").pop()}/export?format=md`);
  expect(await fromWord.text()).toBe(LISTS_MD.replace("```js", "```"));

  // The table document too, through the API the menu links to.
  await page.goto("/dashboard");
  const tableDoc = page.getByRole("link", { name: "Team scores" }).first();
  const href = await tableDoc.getAttribute("href");
  const id = href?.split("/").pop();
  const res = await page.request.get(`/api/documents/${id}/export?format=md`);
  expect(await res.text()).toBe(TABLE_MD);

  // The HTML file: read on the server (linkedom), script, handlers, iframe and javascript: link gone, task list kept.
  const webHref = await page.getByRole("link", { name: "Web notes" }).first().getAttribute("href");
  const web = await page.request.get(`/api/documents/${webHref?.split("/").pop()}/export?format=md`);
  expect(await web.text()).toBe("# Web notes\n\nHello bad [good](https://example.com)\n\n- [x] done\n- [ ] todo\n");
  expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
});

test("a Word file with a picture, chosen on the dashboard, opens with the picture shown", async ({ page }) => {
  await signUp(page, newAccount("wordpic"));
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
  const word = await Packer.toBuffer(
    new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: "Site photos", heading: HeadingLevel.HEADING_1 }),
            new Paragraph({
              children: [
                new ImageRun({
                  type: "png",
                  data: png,
                  transformation: { width: 20, height: 20 },
                  altText: { name: "dot", description: "A dot", title: "dot" },
                }),
              ],
            }),
          ],
        },
      ],
    }),
  );
  await page.goto("/dashboard");
  const chooser = page.waitForEvent("filechooser");
  await page.getByTestId("import-button").click();
  await (await chooser).setFiles([{ name: "photos.docx", mimeType: "application/octet-stream", buffer: word }]);
  const link = page.getByRole("link", { name: /open “Site photos”/ }).first();
  await expect(link).toBeVisible();
  await page.goto((await link.getAttribute("href")) as string);
  const image = page.locator('.ProseMirror img[alt="A dot"]');
  await expect(image).toHaveAttribute("src", /^\/api\/images\/[A-Za-z0-9_-]+$/);
  // Loaded, with the session, from the server's image store.
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
});

test("a Word file's pictures the editor cannot show are named as left out next to the file", async ({ page }) => {
  await signUp(page, newAccount("wordskip"));
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
  const bmp = Buffer.concat([Buffer.from("BM"), Buffer.alloc(64, 7)]);
  const picture = (type: "png" | "bmp", data: Buffer) =>
    new Paragraph({
      children: [new ImageRun({ type, data, transformation: { width: 20, height: 20 }, altText: { name: type, description: type, title: type } })],
    });
  const word = await Packer.toBuffer(
    new Document({ sections: [{ children: [new Paragraph({ text: "Scans", heading: HeadingLevel.HEADING_1 }), picture("png", png), picture("bmp", bmp)] }] }),
  );
  await page.goto("/dashboard");
  const chooser = page.waitForEvent("filechooser");
  await page.getByTestId("import-button").click();
  await (await chooser).setFiles([{ name: "scans.docx", mimeType: "application/octet-stream", buffer: word }]);
  await expect(page.getByRole("link", { name: /open “Scans”/ })).toBeVisible();
  await expect(page.getByTestId("import-note")).toHaveText("Left out: 1 picture not PNG, JPEG, GIF or WebP.");
  await screenshots(page, "import-left-out", {
    dir: path.join(test.info().project.outputDir, "import-screens"),
    focus: () => page.getByTestId("import-list").scrollIntoViewIfNeeded(),
  });
});
