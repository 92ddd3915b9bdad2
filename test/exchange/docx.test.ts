// Word export (server/exchange/docxSerializer.ts): a document with every construct the editor has is
// written with `docx` and read back with `mammoth` (another well-kept library, the one Word importers
// use), so the test checks what a reader of the file gets, not the XML we wrote.
import { describe, expect, test } from "vitest";
import mammoth from "mammoth";
import { documentSchema } from "../../server/exchange/schema";
import { parseMarkdown } from "../../server/exchange/markdownParser";
import { toDocx, type ImageLoader } from "../../server/exchange/docxSerializer";
import { imagePixelSize } from "../../server/exchange/imageSize";
import { MAMMOTH_STYLE_MAP } from "../../lib/exchange/docxStyles";

const schema = documentSchema();
const noImages: ImageLoader = async () => null;
// A 3×2 red PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEklEQVR4nGP4z8AARAwM/xkYAE3FB/kDsuf3AAAAAElFTkSuQmCC", "base64");

async function readBack(markdown: string, loadImage = noImages): Promise<string> {
  const content = parseMarkdown(schema, markdown);
  const bytes = await toDocx(content, "Test", { baseUrl: "https://tandem.example", loadImage });
  // A .docx is a zip: it starts with "PK".
  expect(Buffer.from(bytes.subarray(0, 2)).toString("latin1")).toBe("PK");
  // With the style map the browser's import uses (quotes and code blocks come back as such).
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { styleMap: MAMMOTH_STYLE_MAP });
  return value;
}

describe("a document as a Word file", () => {
  test("headings, marks, links, lists, tasks, quotes, code and tables come back as such", async () => {
    const html = await readBack(
      [
        "# Plan",
        "## Steps",
        "Some **bold**, *italic*, ~~gone~~ and [a link](https://example.com/a).",
        "- first",
        "- second",
        "  - nested",
        "1. one",
        "2. two",
        "- [x] done",
        "- [ ] to do",
        "> quoted words",
        "```",
        "const x = 1;",
        "```",
        "| Name | Role |\n| --- | --- |\n| Ana | owner |",
      ].join("\n\n"),
    );
    expect(html).toContain("<h1>Plan</h1>");
    expect(html).toContain("<h2>Steps</h2>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>italic</em>");
    expect(html).toContain("<s>gone</s>");
    expect(html).toContain('<a href="https://example.com/a">a link</a>');
    expect(html).toMatch(/<ul><li>first<\/li><li>second<ul><li>nested<\/li><\/ul><\/li><\/ul>/);
    expect(html).toMatch(/<ol><li>one<\/li><li>two<\/li><\/ol>/);
    expect(html).toContain("<ul><li>☑ done</li><li>☐ to do</li></ul>");
    expect(html).toContain("<blockquote><p>quoted words</p></blockquote>");
    expect(html).toContain("<pre>const x = 1;</pre>");
    expect(html).toMatch(/<table>.*Name.*Role.*Ana.*owner.*<\/table>/s);
  });

  test("the document's own images are embedded at their size; others keep their alt text", async () => {
    const loadImage: ImageLoader = async (src) => (src === "/api/images/img_ours" ? { bytes: PNG, mime: "image/png" } : null);
    const html = await readBack("![A red box](/api/images/img_ours)\n\n![Elsewhere](/api/images/img_other)", loadImage);
    expect(html).toContain(`<img alt="A red box" src="data:image/png;base64,${PNG.toString("base64")}" />`);
    expect(html).toContain("[Image: Elsewhere]");
  });

  test("image sizes are read from the headers; anything else is not guessed", () => {
    expect(imagePixelSize(PNG)).toEqual({ width: 3, height: 2 });
    expect(imagePixelSize(Buffer.from("GIF89a\x05\x00\x07\x00", "latin1"))).toEqual({ width: 5, height: 7 });
    // A minimal JPEG header: SOI, an APP0 segment, then SOF0 with height 16 and width 32.
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x10, 0x00, 0x20, 0x01, 0x01, 0x11, 0x00]);
    expect(imagePixelSize(jpeg)).toEqual({ width: 32, height: 16 });
    expect(imagePixelSize(Buffer.from("not an image"))).toBeNull();
    expect(imagePixelSize(Buffer.from([0xff, 0xd8, 0x00]))).toBeNull();
  });
});
