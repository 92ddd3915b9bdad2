// The shared matching rule (lib/search/highlight.ts): query words, highlight ranges and snippets.
import { expect, test } from "vitest";
import { fold, highlightRanges, MAX_QUERY_TERMS, queryTerms, snippet } from "../../lib/search/highlight";
import { ftsMatch } from "../../server/search/sqliteIndex";
import { indexWords, tsQuery } from "../../server/search/postgresIndex";

const marked = (text: string, ranges: Array<{ start: number; end: number }>) => ranges.map((r) => text.slice(r.start, r.end));

test("query words: folded, deduplicated, capped, punctuation and operators dropped", () => {
  expect(queryTerms('  Café AND café, NOT "über"* -x ')).toEqual(["cafe", "and", "not", "uber", "x"]);
  expect(queryTerms("!!! ... ???")).toEqual([]);
  expect(queryTerms(Array.from({ length: 40 }, (_, i) => `w${i}`).join(" "))).toHaveLength(MAX_QUERY_TERMS);
  expect(fold("ﬁLE Straße")).toBe("file straße");
});

test("the database queries are made of the words alone", () => {
  expect(ftsMatch(["cafe", "x1"])).toBe('"cafe"* "x1"*');
  expect(tsQuery(["cafe", "x1"])).toBe("cafe:* & x1:*");
  expect(indexWords("<b>Café</b> a<b e-mail")).toBe(" b cafe b a b e mail");
});

test("whole words starting with a query word are highlighted, in the original text's positions", () => {
  const text = "Crème brûlée, CREME fraiche; increment créme.";
  expect(marked(text, highlightRanges(text, ["creme"]))).toEqual(["Crème", "CREME", "créme"]);
  expect(marked(text, highlightRanges(text, ["br", "fr"]))).toEqual(["brûlée", "fraiche"]);
  expect(highlightRanges(text, [])).toEqual([]);
  expect(highlightRanges(text, ["creme"], 1)).toHaveLength(1);
  // Decomposed accents (e + combining acute) and astral characters keep the ranges right.
  const decomposed = "😀 cafe\u0301 ok";
  expect(marked(decomposed, highlightRanges(decomposed, ["cafe"]))).toEqual(["cafe\u0301"]);
});

test("snippet: one line around the first match, cut at words, ellipses where cut", () => {
  const before = "alpha ".repeat(40);
  const after = " omega".repeat(40);
  const text = `${before}\nthe needle here\n${after}`;
  const s = snippet(text, ["needle"]);
  expect(s.text.startsWith("…")).toBe(true);
  expect(s.text.endsWith("…")).toBe(true);
  expect(s.text).not.toMatch(/\n/);
  expect(s.text).toContain("the needle here");
  expect(s.text.length).toBeLessThanOrEqual(182);
  expect(marked(s.text, s.highlights)).toEqual(["needle"]);
  expect(s.text.slice(1).startsWith("alpha ")).toBe(true); // starts on a word, not inside one
});

test("snippet: the beginning when only the title matched, the whole text when short", () => {
  expect(snippet("Short text.", ["title"])).toEqual({ text: "Short text.", highlights: [] });
  expect(snippet("", ["x"])).toEqual({ text: "", highlights: [] });
  const long = "word ".repeat(100);
  expect(snippet(long, ["nomatch"]).text.startsWith("word word")).toBe(true);
});
