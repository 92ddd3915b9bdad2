import { describe, expect, test } from "vitest";
import { countText, plural } from "./wordCount";

describe("countText", () => {
  test.each([
    ["", 0, 0],
    ["   ", 0, 3],
    ["Hello world", 2, 11],
    ["don't stop, well-known words", 4, 28],
    ["one\ntwo", 2, 6],
    ["— – … ?!", 0, 8],
    ["Ünïcödé wörds ñ", 3, 15],
    ["数字 123 4.5", 3, 10],
    ["1,000 people, 2 days", 4, 20],
    ["emoji 👍🏽 here", 2, 12],
  ])("%j: %i words, %i characters", (text, words, characters) => {
    expect(countText(text)).toEqual({ words, characters });
  });

  test("plural", () => {
    expect(plural(1, "word", "words")).toBe("1 word");
    expect(plural(0, "word", "words")).toBe("0 words");
    expect(plural(2345, "word", "words")).toMatch(/^2.?345 words$/);
  });
});
