// Who wrote what's legend: shares of the visible text by author, whitespace and removed text left out.
import { describe, expect, it } from "vitest";
import type { CompareRun } from "./contracts/history";
import { authorShares } from "./authorShares";

const run = (text: string, authorId: string | null, change: CompareRun["change"] = "added"): CompareRun => ({ text, change, authorId, at: null });

describe("authorShares", () => {
  it("counts each author's characters across blocks, largest first, ignoring spaces and removed text", () => {
    const shares = authorShares({
      blocks: [
        { type: "paragraph", runs: [run("abc def", "ben"), run("  ", "ana")] },
        { type: "heading", attrs: { level: 1 }, runs: [run("ghij", "ana"), run("gone gone gone", "ana", "removed"), run("kl", null)] },
      ],
      authors: [
        { id: "ana", name: "Ana" },
        { id: "ben", name: "Ben" },
      ],
    });
    expect(shares).toEqual([
      { id: "ben", name: "Ben", percent: 50 },
      { id: "ana", name: "Ana", percent: 33 },
      { id: null, name: "Unknown", percent: 17 },
    ]);
  });

  it("has nobody for an empty document", () => {
    expect(authorShares({ blocks: [{ type: "paragraph", runs: [run("", "ana")] }], authors: [] })).toEqual([]);
  });
});
