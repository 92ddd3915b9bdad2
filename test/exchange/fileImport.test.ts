// HTML and Word files imported on the server (multipart, field `file`) through the shared converter
// (lib/exchange/htmlToDocument.ts over linkedom), then exported again and compared: headings, lists,
// task lists, links, code, quotes and tables survive; a Word file's picture becomes a stored image of
// the new document, served to its owner and to nobody else. Real server, SQLite or PostgreSQL.
import { Document, ExternalHyperlink, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

let server: TestServer;
let owner: ApiClient;
let stranger: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = new ApiClient(server.url);
  await owner.signup("Owner");
  stranger = new ApiClient(server.url);
  await stranger.signup("Stranger");
});
afterAll(async () => server?.stop());

async function upload(name: string, content: string | Uint8Array) {
  const form = new FormData();
  form.append("file", new Blob([typeof content === "string" ? content : new Uint8Array(content)]), name);
  const res = await fetch(`${server.url}/api/documents/import`, { method: "POST", body: form, headers: { cookie: owner.cookie } });
  return { status: res.status, body: await res.json() };
}

async function exported(id: string, format: "md" | "html") {
  const res = await fetch(`${server.url}/api/documents/${id}/export?format=${format}`, { headers: { cookie: owner.cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

const HTML_FILE = `<!doctype html><html><head><title>Launch notes</title></head><body>
<h1>Launch</h1>
<p>Read <a href="https://example.com/spec">the spec</a> and <a href="javascript:alert(1)" onclick="steal()">this</a>.</p>
<script>alert("no")</script>
<ul><li>first</li><li>second<ul><li>nested</li></ul></li></ul>
<ol><li>one</li><li>two</li></ol>
<ul><li><input type="checkbox" checked> shipped</li><li><input type="checkbox"> announced</li></ul>
<pre><code class="language-ts">const x = 1;</code></pre>
<blockquote><p>Quoted words</p></blockquote>
<table><tr><th>Name</th><th>Count</th></tr><tr><td>apples</td><td>3</td></tr></table>
<img src="https://tracker.example/pixel.gif" alt="pixel">
</body></html>`;

const HTML_AS_MARKDOWN = `# Launch

Read [the spec](https://example.com/spec) and this.

- first
- second
  - nested

1. one
2. two

- [x] shipped
- [ ] announced

\`\`\`ts
const x = 1;
\`\`\`

> Quoted words

| Name | Count |
| --- | --- |
| apples | 3 |
`;

function wordFile(): Promise<Buffer> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const doc = new Document({
    numbering: { config: [{ reference: "numbers", levels: [{ level: 0, format: "decimal", text: "%1.", alignment: "left" }] }] },
    sections: [
      {
        children: [
          new Paragraph({ text: "Field report", heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [
              new TextRun("See "),
              new ExternalHyperlink({ link: "https://example.com/report", children: [new TextRun("the report")] }),
              new TextRun("."),
            ],
          }),
          new Paragraph({ text: "bullet one", bullet: { level: 0 } }),
          new Paragraph({ text: "bullet two", bullet: { level: 0 } }),
          new Paragraph({ text: "step one", numbering: { reference: "numbers", level: 0 } }),
          new Paragraph({ text: "step two", numbering: { reference: "numbers", level: 0 } }),
          new Table({ rows: [new TableRow({ children: [cell("Site"), cell("Visits")] }), new TableRow({ children: [cell("north"), cell("12")] })] }),
          new Paragraph({
            children: [
              new ImageRun({ type: "png", data: PNG, transformation: { width: 10, height: 10 }, altText: { name: "dot", description: "A dot", title: "dot" } }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe("HTML and Word files through multipart import", () => {
  test("an HTML file keeps its structure, loses its script and foreign image, and survives export → import → export", async () => {
    const res = await upload("launch.html", HTML_FILE);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: "Launch notes", role: "owner" });
    expect(await exported(res.body.id, "md")).toBe(HTML_AS_MARKDOWN);
    const html = await exported(res.body.id, "html");
    expect(html).not.toMatch(/script|javascript:|onclick|tracker\.example/);
    // The exported HTML imported again is the same document.
    const again = await upload("launch-again.html", html);
    expect(again.status).toBe(201);
    expect(await exported(again.body.id, "md")).toBe(HTML_AS_MARKDOWN);
  });

  test("a Word file keeps heading, link, lists and table; its picture is stored with the new document", async () => {
    const res = await upload("report.docx", await wordFile());
    expect(res.status).toBe(201);
    expect(res.body.title).toBe("Field report");
    const markdown = await exported(res.body.id, "md");
    const image = /!\[A dot\]\((http:\/\/[^)]+(\/api\/images\/[A-Za-z0-9_-]+))\)/.exec(markdown);
    expect(image, markdown).not.toBeNull();
    const imagePath = (image as RegExpExecArray)[2];
    expect(markdown.replace((image as RegExpExecArray)[1], "IMAGE")).toBe(
      "# Field report\n\nSee [the report](https://example.com/report).\n\n- bullet one\n- bullet two\n\n1. step one\n2. step two\n\n| Site | Visits |\n| --- | --- |\n| north | 12 |\n\n![A dot](IMAGE)\n",
    );
    expect(await exported(res.body.id, "html")).toContain(`src="${imagePath}"`);
    const rows = await server.services.db.documentImage.findMany({ where: { documentId: res.body.id } });
    expect(rows.map((r) => r.mime)).toEqual(["image/png"]);
    // The owner gets the very bytes; a stranger is told there is no such image.
    const mine = await fetch(server.url + imagePath, { headers: { cookie: owner.cookie } });
    expect(mine.status).toBe(200);
    expect(Buffer.from(await mine.arrayBuffer()).equals(PNG)).toBe(true);
    const theirs = await fetch(server.url + imagePath, { headers: { cookie: stranger.cookie } });
    expect([403, 404]).toContain(theirs.status);
  });

  test("HTML nested 20,000 elements deep is a clear 400, not a crash, and creates nothing", async () => {
    const before = await server.services.db.document.count();
    const res = await upload("deep.html", `<html><body>${"<div>".repeat(20_000)}x${"</div>".repeat(20_000)}</body></html>`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/nests too deeply/);
    expect(await server.services.db.document.count()).toBe(before);
  });

  test("a broken Word file (a zip, but not a document) is a clear 400 and creates nothing", async () => {
    const before = await server.services.db.document.count();
    const res = await upload("broken.docx", Buffer.from("504b0304", "hex"));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/could not be read/);
    expect(await server.services.db.document.count()).toBe(before);
  });
});
