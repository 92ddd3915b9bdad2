import { describe, expect, it } from "vitest";
import { isAllowedHref, normalizeLink } from "./linkRule";

describe("normalizeLink", () => {
  it("keeps web and mail addresses", () => {
    expect(normalizeLink("https://example.com/a?b=1#c")).toBe("https://example.com/a?b=1#c");
    expect(normalizeLink("http://example.com")).toBe("http://example.com/");
    expect(normalizeLink("mailto:ada@example.com")).toBe("mailto:ada@example.com");
  });

  it("adds https:// to a bare host, and mailto: to a bare email address", () => {
    expect(normalizeLink("  example.com ")).toBe("https://example.com/");
    expect(normalizeLink("docs.example.com/page")).toBe("https://docs.example.com/page");
    expect(normalizeLink("localhost:3000/x")).toBe("https://localhost:3000/x");
    expect(normalizeLink("ada@example.com")).toBe("mailto:ada@example.com");
  });

  it("refuses script, data, file and other schemes", () => {
    for (const bad of [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      " javascript:alert(1)",
      "data:text/html,<b>x</b>",
      "file:///etc/passwd",
      "ftp://example.com",
      "vbscript:x",
      "tel:123",
    ]) {
      expect(normalizeLink(bad), bad).toBeNull();
    }
  });

  it("refuses empty input, words and addresses with spaces", () => {
    for (const bad of ["", "   ", "hello", "two words.com", "https://", "https:example"]) {
      expect(normalizeLink(bad), bad).toBeNull();
    }
  });
});

describe("isAllowedHref", () => {
  it("accepts only absolute http(s) and mailto URLs", () => {
    expect(isAllowedHref("https://example.com/")).toBe(true);
    expect(isAllowedHref("http://example.com")).toBe(true);
    expect(isAllowedHref("mailto:ada@example.com")).toBe(true);
    expect(isAllowedHref("example.com")).toBe(false); // relative: would point inside Tandem
    expect(isAllowedHref("/documents/x")).toBe(false);
    expect(isAllowedHref("javascript:alert(1)")).toBe(false);
    expect(isAllowedHref("java\u0000script:alert(1)")).toBe(false);
    expect(isAllowedHref("data:image/png;base64,AAAA")).toBe(false);
    expect(isAllowedHref("")).toBe(false);
  });
});
