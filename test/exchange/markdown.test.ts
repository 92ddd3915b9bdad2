// The Markdown serializer and parser against the editor's real schema: one row per node and mark the
// editor has (what it must write), the round trip of a table of constructs (import → export gives the
// same Markdown back), hostile input, and node types without a rule degrading to text.
import { describe, expect, test } from "vitest";
import { Schema } from "@tiptap/pm/model";
import { documentSchema } from "../../server/exchange/schema";
import { toMarkdown } from "../../server/exchange/markdownSerializer";
import { parseMarkdown } from "../../server/exchange/markdownParser";
import { nodeToHtml, toHtmlFile } from "../../server/exchange/htmlSerializer";

const schema = documentSchema();
type J = Record<string, unknown>;
const text = (t: string, ...marks: string[]): J => ({ type: "text", text: t, ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}) });
const p = (...content: J[]): J => ({ type: "paragraph", content });
const doc = (...content: J[]) => schema.nodeFromJSON({ type: "doc", content });
const md = (...content: J[]) => toMarkdown(doc(...content), { baseUrl: "https://tandem.example" });

describe("every node and mark the editor has", () => {
  const rows: Array<[string, J[], string]> = [
    ["paragraph", [p(text("Hello"))], "Hello\n"],
    ["heading 1", [{ type: "heading", attrs: { level: 1 }, content: [text("Title")] }], "# Title\n"],
    ["heading 3", [{ type: "heading", attrs: { level: 3 }, content: [text("Sub")] }], "### Sub\n"],
    ["bold", [p(text("b", "bold"))], "**b**\n"],
    ["italic", [p(text("i", "italic"))], "*i*\n"],
    ["strike", [p(text("s", "strike"))], "~~s~~\n"],
    ["inline code", [p(text("x = 1", "code"))], "`x = 1`\n"],
    ["inline code with a backtick", [p(text("a`b", "code"))], "`` a`b ``\n"],
    ["underline keeps its text (Markdown has none)", [p(text("u", "underline"))], "u\n"],
    ["link", [p({ type: "text", text: "site", marks: [{ type: "link", attrs: { href: "https://example.com/a b" } }] })], "[site](https://example.com/a%20b)\n"],
    [
      "relative link made absolute",
      [p({ type: "text", text: "doc", marks: [{ type: "link", attrs: { href: "/documents/1" } }] })],
      "[doc](https://tandem.example/documents/1)\n",
    ],
    [
      "a member mention reads as @Name",
      [p(text("Ask "), { type: "mention", attrs: { id: "u1", label: "Ana Lopez" } }, text(" first"))],
      "Ask @Ana Lopez first\n",
    ],
    [
      "a document mention links to the document",
      [p(text("See "), { type: "documentMention", attrs: { id: "doc_1", label: "The plan" } })],
      "See [The plan](https://tandem.example/documents/doc_1)\n",
    ],
    ["a document mention with a foreign id keeps only its title", [p({ type: "documentMention", attrs: { id: "../x", label: "Odd" } })], "Odd\n"],
    [
      "bullet list",
      [
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [p(text("one"))] },
            { type: "listItem", content: [p(text("two"))] },
          ],
        },
      ],
      "- one\n- two\n",
    ],
    [
      "ordered list from 3",
      [
        {
          type: "orderedList",
          attrs: { start: 3 },
          content: [
            { type: "listItem", content: [p(text("c"))] },
            { type: "listItem", content: [p(text("d"))] },
          ],
        },
      ],
      "3. c\n4. d\n",
    ],
    [
      "nested list",
      [
        {
          type: "bulletList",
          content: [{ type: "listItem", content: [p(text("a")), { type: "bulletList", content: [{ type: "listItem", content: [p(text("b"))] }] }] }],
        },
      ],
      "- a\n  - b\n",
    ],
    [
      "task list",
      [
        {
          type: "taskList",
          content: [
            { type: "taskItem", attrs: { checked: true }, content: [p(text("done"))] },
            { type: "taskItem", attrs: { checked: false }, content: [p(text("todo"))] },
          ],
        },
      ],
      "- [x] done\n- [ ] todo\n",
    ],
    ["code block with language", [{ type: "codeBlock", attrs: { language: "ts" }, content: [text("const a = 1;")] }], "```ts\nconst a = 1;\n```\n"],
    ["code block holding a fence", [{ type: "codeBlock", content: [text("```\nx\n```")] }], "````\n```\nx\n```\n````\n"],
    ["quote", [{ type: "blockquote", content: [p(text("quoted"))] }], "> quoted\n"],
    ["horizontal rule", [p(text("a")), { type: "horizontalRule" }, p(text("b"))], "a\n\n---\n\nb\n"],
    ["hard break", [p(text("one"), { type: "hardBreak" }, text("two"))], "one\\\ntwo\n"],
    ["markdown characters in text are escaped", [p(text("*not bold* and # not a heading"))], "\\*not bold\\* and # not a heading\n"],
  ];
  for (const [name, content, expected] of rows) {
    test(name, () => expect(md(...content)).toBe(expected));
  }

  test("every node and mark of the schema has a rule of its own (none falls back)", () => {
    const ruled = new Set([
      "doc",
      "paragraph",
      "heading",
      "blockquote",
      "codeBlock",
      "horizontalRule",
      "hardBreak",
      "bulletList",
      "orderedList",
      "listItem",
      "taskList",
      "taskItem",
      "image",
      "table",
      "text",
      "mention",
      "documentMention",
    ]);
    const unruled = Object.keys(schema.nodes).filter((n) => !ruled.has(n) && !["tableRow", "tableCell", "tableHeader"].includes(n));
    expect(unruled).toEqual([]);
    const ruledMarks = new Set(["bold", "italic", "strike", "code", "link", "underline", "highlight"]);
    expect(Object.keys(schema.marks).filter((m) => !ruledMarks.has(m))).toEqual([]);
  });
});

describe("tables and images (with a schema that has them, as the editor will)", () => {
  const withTables = new Schema({
    nodes: schema.spec.nodes
      .append({
        table: { content: "tableRow+", group: "block", toDOM: () => ["table", ["tbody", 0]] },
        tableRow: { content: "(tableCell | tableHeader)*", toDOM: () => ["tr", 0] },
        tableCell: { content: "block+", attrs: { colspan: { default: 1 } }, toDOM: () => ["td", 0] },
        tableHeader: { content: "block+", attrs: { colspan: { default: 1 } }, toDOM: () => ["th", 0] },
      })
      .update("image", { inline: false, group: "block", attrs: { src: {}, alt: { default: null }, title: { default: null } }, toDOM: (n) => ["img", n.attrs] }),
    marks: schema.spec.marks,
  });
  const cell = (type: string, t: string) => ({ type, content: [{ type: "paragraph", content: [{ type: "text", text: t }] }] });
  const table = withTables.nodeFromJSON({
    type: "doc",
    content: [
      {
        type: "table",
        content: [
          { type: "tableRow", content: [cell("tableHeader", "Name"), cell("tableHeader", "Score")] },
          { type: "tableRow", content: [cell("tableCell", "Ada | B"), cell("tableCell", "10")] },
        ],
      },
      { type: "image", attrs: { src: "/api/images/abc", alt: "A chart" } },
    ],
  });

  test("a table is a pipe table (pipes in cells escaped), an image has an absolute URL", () => {
    expect(toMarkdown(table, { baseUrl: "https://tandem.example" })).toBe(
      "| Name | Score |\n| --- | --- |\n| Ada \\| B | 10 |\n\n![A chart](https://tandem.example/api/images/abc)\n",
    );
  });

  test("the pipe table and image read back into the same document", () => {
    const back = parseMarkdown(withTables, toMarkdown(table));
    back.check();
    expect(back.toJSON()).toEqual(table.toJSON());
  });

  test("a node type with no rule degrades to its text", () => {
    const odd = new Schema({
      nodes: schema.spec.nodes.append({
        callout: { content: "inline*", group: "block", toDOM: () => ["aside", 0] },
        chip: { inline: true, group: "inline", atom: true, attrs: { label: {} }, toDOM: () => ["span", 0] },
      }),
      marks: schema.spec.marks.append({ glow: { toDOM: () => ["span", 0] } }),
    });
    const d = odd.nodeFromJSON({
      type: "doc",
      content: [
        { type: "callout", content: [{ type: "text", text: "Heads up", marks: [{ type: "glow" }] }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Hi " },
            { type: "chip", attrs: { label: "@ada" } },
          ],
        },
      ],
    });
    expect(toMarkdown(d)).toBe("Heads up\n\nHi @ada\n");
  });
});

describe("round trip: Markdown imported, then exported", () => {
  // [construct, Markdown as a person writes it, the Markdown export gives back]
  const rows: Array<[string, string, string?]> = [
    ["headings", "# One\n\n## Two\n\n###### Six\n"],
    ["emphasis", "**bold**, *italic*, ~~strike~~ and `code`\n"],
    ["underscore emphasis", "_italic_ and __bold__\n", "*italic* and **bold**\n"],
    ["links", "[a link](https://example.com/path?q=1)\n"],
    ["autolink", "<https://example.com>\n"],
    ["bullets (any marker)", "* one\n* two\n", "- one\n- two\n"],
    ["ordered", "1. first\n2. second\n"],
    ["nested lists", "- a\n  - b\n    - c\n- d\n"],
    ["task list", "- [x] done\n- [ ] todo\n"],
    ["a mixed list stays a bullet list", "- [x] done\n- plain\n", "- \\[x\\] done\n- plain\n"],
    ["fenced code with language", "```python\nprint('hi')\n```\n"],
    ["indented code", "    code here\n", "```\ncode here\n```\n"],
    ["quote", "> a quote\n> on two lines\n", "> a quote on two lines\n"],
    ["nested quote", "> outer\n>\n> > inner\n"],
    ["rule", "a\n\n***\n\nb\n", "a\n\n---\n\nb\n"],
    ["hard break", "one\\\ntwo\n"],
    ["escaped characters", "1\\. not a list and \\*not bold\\*\n"],
  ];
  for (const [name, input, expected] of rows) {
    test(name, () => {
      const first = parseMarkdown(schema, input);
      first.check();
      const out = toMarkdown(first);
      expect(out).toBe(expected ?? input);
      // and the export reads back as the same document
      expect(parseMarkdown(schema, out).toJSON()).toEqual(first.toJSON());
    });
  }
});

describe("hostile Markdown", () => {
  test("raw HTML is text, never markup; javascript: links are not links", () => {
    const d = parseMarkdown(
      schema,
      '<script>alert(1)</script>\n\n<iframe src="https://evil"></iframe>\n\n[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) [z](vbscript:x)\n',
    );
    d.check();
    const json = JSON.stringify(d.toJSON());
    expect(json).not.toContain('"link"');
    expect(d.textContent).toContain("<script>alert(1)</script>");
    const html = nodeToHtml(d);
    expect(html).not.toMatch(/<script|<iframe/i);
    expect(html).toContain("&lt;script&gt;");
  });

  test("nesting 5,000 deep is cut at the parser's limit, not a stack overflow", () => {
    const deep = `${"> ".repeat(5_000)}deep\n`;
    const d = parseMarkdown(schema, deep);
    d.check();
    let depth = 0;
    let node = d;
    while (node.firstChild && !node.firstChild.isText) {
      node = node.firstChild;
      depth++;
    }
    expect(depth).toBeLessThanOrEqual(41);
    const list = `${Array.from({ length: 3_000 }, (_, i) => `${"  ".repeat(i)}- x`).join("\n")}\n`;
    parseMarkdown(schema, list).check();
  });

  test("a list of 50,000 items parses and exports", () => {
    const big = `${Array.from({ length: 50_000 }, (_, i) => `- item ${i}`).join("\n")}\n`;
    const d = parseMarkdown(schema, big);
    expect(d.firstChild?.childCount).toBe(50_000);
    const started = performance.now();
    expect(toMarkdown(d)).toBe(big);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe("HTML export", () => {
  test("a standalone file: title escaped, marks and task lists as the editor renders them, unsafe addresses dropped", () => {
    const d = doc(
      { type: "heading", attrs: { level: 1 }, content: [text("<Plan>")] },
      p(text("bold", "bold"), text(" "), { type: "text", text: "bad", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }),
      { type: "taskList", content: [{ type: "taskItem", attrs: { checked: true }, content: [p(text("done"))] }] },
    );
    const html = toHtmlFile(d, "<Plan> & co");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<title>&lt;Plan&gt; &amp; co</title>");
    expect(html).toContain("<h1>&lt;Plan&gt;</h1>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).not.toContain("javascript:");
    expect(html).toMatch(/<li data-checked data-type="taskItem">/);
    expect(html).toMatch(/<input type="checkbox" checked="checked">/);
    expect(html).toContain('href=""'); // the javascript: address is gone, its text stays
  });
});
