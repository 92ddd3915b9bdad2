// Highlight, alignment and the divider in every export: HTML keeps them (a <mark> with its colour
// name, a text-align style, an <hr>), Markdown keeps the highlight as ==text== and the text of an
// aligned block, and the JSON the server hands out has no attribute at its default.
import { describe, expect, test } from "vitest";
import { documentSchema } from "../../server/exchange/schema";
import { toMarkdown } from "../../server/exchange/markdownSerializer";
import { nodeToHtml, toHtmlFile } from "../../server/exchange/htmlSerializer";
import { parseMarkdown } from "../../server/exchange/markdownParser";
import { withoutDefaultFormatting } from "../../lib/editor/formatting";

const schema = documentSchema();
type J = Record<string, unknown>;
const mark = (t: string, attrs?: J): J => ({ type: "text", text: t, marks: [{ type: "highlight", ...(attrs ? { attrs } : {}) }] });
const p = (attrs: J | undefined, ...content: J[]): J => ({ type: "paragraph", ...(attrs ? { attrs } : {}), content });
const doc = (...content: J[]) => schema.nodeFromJSON({ type: "doc", content });

describe("highlight, alignment and divider on export", () => {
  const d = doc(
    { type: "heading", attrs: { level: 2, textAlign: "right" }, content: [{ type: "text", text: "Plan" }] },
    p({ textAlign: "center" }, { type: "text", text: "Read " }, mark("this"), { type: "text", text: " and " }, mark("that", { color: "green" })),
    { type: "horizontalRule" },
    p(undefined, { type: "text", text: "Plain" }),
  );

  test("HTML: <mark> with its colour, text-align on the aligned blocks only, <hr>", () => {
    const html = nodeToHtml(d);
    expect(html).toContain('<h2 style="text-align: right">Plan</h2>');
    expect(html).toContain('<p style="text-align: center">Read <mark data-color="yellow">this</mark> and <mark data-color="green">that</mark></p>');
    expect(html).toContain("<hr>");
    expect(html).toContain("<p>Plain</p>");
    const file = toHtmlFile(d, "Plan");
    expect(file).toMatch(/mark\[data-color=green\]\{background:#[0-9a-f]{6}\}/);
  });

  test("Markdown: ==highlight==, the aligned text without its alignment, ---", () => {
    expect(toMarkdown(d)).toBe("## Plan\n\nRead ==this== and ==that==\n\n---\n\nPlain\n");
  });

  test("Markdown import: ==text== is a highlight again; a lone == or one with spaces inside stays text", () => {
    const back = parseMarkdown(schema, "Read ==this **now**== please, a == b, == c ==\n");
    expect(toMarkdown(back)).toBe("Read ==this **now**== please, a == b, == c ==\n");
    const marks = back.firstChild?.child(1).marks.map((m) => m.type.name);
    expect(marks).toEqual(["highlight"]);
  });

  test("a colour or alignment a peer made up never becomes CSS", () => {
    const odd = doc(p({ textAlign: "center; background:url(x)" }, mark("x", { color: "red;position:fixed" })));
    const html = nodeToHtml(odd);
    expect(html).toBe('<p><mark data-color="yellow">x</mark></p>');
  });

  test("JSON: a left-aligned block and a default highlight carry no attributes; others keep theirs", () => {
    const original = doc(p(undefined, mark("a")), p(undefined, mark("b", { color: "blue" })), {
      type: "heading",
      attrs: { level: 1, textAlign: "justify" },
      content: [{ type: "text", text: "H" }],
    });
    const json = withoutDefaultFormatting(original.toJSON());
    expect(json).toEqual({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "a", marks: [{ type: "highlight" }] }] },
        { type: "paragraph", content: [{ type: "text", text: "b", marks: [{ type: "highlight", attrs: { color: "blue" } }] }] },
        { type: "heading", attrs: { level: 1, textAlign: "justify" }, content: [{ type: "text", text: "H" }] },
      ],
    });
    expect(schema.nodeFromJSON(json).eq(original)).toBe(true); // nothing lost: the defaults come back
  });
});
