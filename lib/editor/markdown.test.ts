import { describe, expect, it } from "vitest";
import { looksLikeMarkdown, markdownToHtml } from "./markdown";

describe("looksLikeMarkdown", () => {
  it("recognizes each block marker at a line start", () => {
    for (const text of [
      "# Title",
      "intro\n## Part two",
      "- one\n- two",
      "* star item",
      "1. first\n2. second",
      "```\ncode\n```",
      "> quoted words",
      "- [ ] a task",
    ]) {
      expect(looksLikeMarkdown(text), text).toBe(true);
    }
  });

  it("recognizes a pipe table only with its divider line", () => {
    expect(looksLikeMarkdown("| a | b |\n| --- | --- |\n| 1 | 2 |")).toBe(true);
    expect(looksLikeMarkdown("a | b\n:---|---:\n1 | 2")).toBe(false); // no leading pipe on the header: too loose to guess
    expect(looksLikeMarkdown("| just | pipes |\n| more | pipes |")).toBe(false);
  });

  it("recognizes bold and web links inline", () => {
    expect(looksLikeMarkdown("This is **important** to know")).toBe(true);
    expect(looksLikeMarkdown("See [the docs](https://example.com/docs).")).toBe(true);
  });

  it("leaves ordinary prose alone", () => {
    for (const text of [
      "",
      "   ",
      "Just a sentence.",
      "Two lines\nof plain text",
      "#hashtag without a space",
      "3.5 apples, -2 degrees",
      "a * b * c",
      "** not bold **x",
      "[not a link](relative/path)",
      "https://example.com",
      "price: 5 > 3",
    ]) {
      expect(looksLikeMarkdown(text), JSON.stringify(text)).toBe(false);
    }
  });
});

describe("markdownToHtml", () => {
  it("turns headings, lists, quotes and code into their elements", () => {
    const html = markdownToHtml("# Title\n\n- one\n- two\n\n1. first\n\n> said\n\n```\nx = 1\n```");
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toMatch(/<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
    expect(html).toMatch(/<ol>\s*<li>first<\/li>/);
    expect(html).toMatch(/<blockquote>\s*<p>said<\/p>/);
    expect(html).toContain("<pre><code>x = 1\n</code></pre>");
  });

  it("turns a pipe table into a table with a header row", () => {
    const html = markdownToHtml("| Name | Qty |\n| --- | --- |\n| Pears | 3 |");
    expect(html).toMatch(/<table>\s*<thead>\s*<tr>\s*<th>Name<\/th>\s*<th>Qty<\/th>/);
    expect(html).toMatch(/<tbody><tr>\s*<td>Pears<\/td>\s*<td>3<\/td>/);
  });

  it("keeps bold and allowed links, and drops refused link targets", () => {
    expect(markdownToHtml("**bold** and [docs](https://example.com/d)")).toContain('<strong>bold</strong> and <a href="https://example.com/d">docs</a>');
    const refused = markdownToHtml("[click](javascript:alert(1)) [file](file:///etc/passwd)");
    expect(refused).not.toContain("<a");
    expect(refused).toContain("click");
  });

  it("writes task lists as the editor's task list", () => {
    const html = markdownToHtml("- [ ] buy pears\n- [x] call Ada");
    expect(html).toContain('<ul data-type="taskList">');
    expect(html).toContain('<li data-type="taskItem" data-checked="false">buy pears</li>');
    expect(html).toContain('<li data-type="taskItem" data-checked="true">call Ada</li>');
    expect(html).not.toContain("<input");
  });

  it("keeps raw HTML as visible text, never as markup", () => {
    const html = markdownToHtml('# Hi <img src=x onerror="alert(1)">\n\n<script>alert(1)</script>');
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("&lt;img");
  });
});
