// The shared HTML sanitiser (lib/exchange/sanitizeHtml.ts) on the server's DOM (linkedom): what an
// HTML file may not bring into a document, even where the editor's parse rules would not look.
import { parseHTML } from "linkedom";
import { expect, test } from "vitest";
import { sanitizeHtmlDocument } from "../../lib/exchange/sanitizeHtml";

function clean(body: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${body}</body></html>`);
  sanitizeHtmlDocument(document.documentElement as unknown as Element);
  return (document.body as unknown as Element).innerHTML;
}

test("script, style, frames and forms go; event handlers and inline styles go", () => {
  expect(
    clean('<p onclick="x()" style="color:red">a</p><script>alert(1)</script><style>p{}</style><iframe src="/x"></iframe><form><button>b</button></form>'),
  ).toBe("<p>a</p>");
});

test("links keep web, mail and relative URLs and lose script-running ones, however spelled", () => {
  expect(clean('<a href="https://example.com/a">1</a><a href="mailto:a@b.c">2</a><a href="notes.html#x">3</a><a href="/p">4</a>')).toBe(
    '<a href="https://example.com/a">1</a><a href="mailto:a@b.c">2</a><a href="notes.html#x">3</a><a href="/p">4</a>',
  );
  for (const hostile of ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,<b>", "vbscript:x"])
    expect(clean(`<a href="${hostile.replace(/"/g, "&quot;")}">x</a>`)).toBe("<a>x</a>");
  expect(clean('<img src="data:image/png;base64,AAAA" srcset="a.png 1x">')).toBe("<img>");
});
