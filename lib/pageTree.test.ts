// The sidebar tree's rules: order, visible rows, and what each move (keyboard or drop) asks the server.
import { describe, expect, it } from "vitest";
import type { PageNode } from "./contracts/pages";
import {
  AFTER,
  ancestorsOf,
  beforeIdFor,
  buildForest,
  FIRST,
  LAST,
  INSIDE_ITSELF,
  isWithin,
  planDrop,
  planDropAtEnd,
  planKeyboardMove,
  visibleRows,
} from "./pageTree";

const page = (id: string, parentId: string | null, position: number): PageNode => ({
  id,
  title: id.toUpperCase(),
  parentId,
  position,
  role: "owner",
  inheritAccess: true,
  parentHidden: false,
});

// a ─ a1 ─ a1x
//   └ a2
// b
// c   (its parent "hidden" is not in the list: shown at the top level)
const pages = [page("b", null, 2), page("a2", "a", 2), page("a", null, 1), page("a1", "a", 1), page("a1x", "a1", 1), page("c", "hidden", 1)];
const forest = buildForest(pages);
const move = (parentId: string | null, beforeId: string | null) => ({ kind: "move", input: { parentId, beforeId } });

describe("buildForest and visibleRows", () => {
  it("orders siblings by position and lifts pages under a hidden parent to the top level", () => {
    expect(visibleRows(forest, () => false).map((r) => r.id)).toEqual(["a", "c", "b"]);
  });

  it("shows sub-pages of expanded pages only, with level, set size and place", () => {
    const rows = visibleRows(forest, (id) => id === "a");
    expect(rows.map((r) => [r.id, r.level, r.posInSet, r.setSize, r.hasChildren, r.expanded])).toEqual([
      ["a", 1, 1, 3, true, true],
      ["a1", 2, 1, 2, true, false],
      ["a2", 2, 2, 2, false, false],
      ["c", 1, 2, 3, false, false],
      ["b", 1, 3, 3, false, false],
    ]);
  });

  it("knows ancestors and who is within whom", () => {
    expect(ancestorsOf(forest, "a1x")).toEqual(["a", "a1"]);
    expect(ancestorsOf(forest, "c")).toEqual([]);
    expect(isWithin(forest, "a1x", "a")).toBe(true);
    expect(isWithin(forest, "a", "a")).toBe(true);
    expect(isWithin(forest, "b", "a")).toBe(false);
  });

  it("does not loop on a cycle in bad data", () => {
    const looped = buildForest([page("x", "y", 1), page("y", "x", 1)]);
    expect(ancestorsOf(looped, "x")).toEqual(["y"]);
  });
});

describe("planDrop", () => {
  it("drops into a row as its last sub-page", () => {
    expect(planDrop(forest, "b", "a1", "inside")).toEqual(move("a1", null));
  });

  it("drops before a row in front of it, after a row in front of the next sibling", () => {
    expect(planDrop(forest, "b", "a2", "before")).toEqual(move("a", "a2"));
    expect(planDrop(forest, "b", "a1", "after")).toEqual(move("a", "a2"));
    expect(planDrop(forest, "a", "c", "after")).toEqual(move(null, "b"));
    expect(planDrop(forest, "a", "b", "after")).toEqual(move(null, null));
  });

  it("skips the dragged page when it is the next sibling", () => {
    expect(planDrop(forest, "c", "a", "after")).toEqual({ kind: "none" });
    expect(planDrop(forest, "a", "c", "before")).toEqual({ kind: "none" });
    expect(planDrop(forest, "b", "a", "after")).toEqual(move(null, "c"));
  });

  it("refuses a page into itself or its own sub-pages, in plain words", () => {
    expect(planDrop(forest, "a", "a", "inside")).toEqual({ kind: "refused", reason: INSIDE_ITSELF });
    expect(planDrop(forest, "a", "a1x", "inside")).toEqual({ kind: "refused", reason: INSIDE_ITSELF });
    expect(planDrop(forest, "a", "a1x", "before")).toEqual({ kind: "refused", reason: INSIDE_ITSELF });
  });

  it("asks nothing when the page would stay where it is", () => {
    expect(planDrop(forest, "a1x", "a1", "inside")).toEqual({ kind: "none" });
    expect(planDrop(forest, "a", "a", "before")).toEqual({ kind: "none" });
    expect(planDropAtEnd(forest, "b")).toEqual({ kind: "none" });
    expect(planDropAtEnd(forest, "a1")).toEqual(move(null, null));
  });
});

describe("planKeyboardMove", () => {
  it("moves up and down among siblings", () => {
    expect(planKeyboardMove(forest, "a2", "up")).toEqual(move("a", "a1"));
    expect(planKeyboardMove(forest, "a1", "down")).toEqual(move("a", null));
    expect(planKeyboardMove(forest, "a", "down")).toEqual(move(null, "b"));
    expect(planKeyboardMove(forest, "a1", "up")).toEqual({ kind: "none" });
    expect(planKeyboardMove(forest, "b", "down")).toEqual({ kind: "none" });
  });

  it("moves into the sibling above, and out beside the parent", () => {
    expect(planKeyboardMove(forest, "a2", "in")).toEqual(move("a1", null));
    expect(planKeyboardMove(forest, "a1", "in")).toEqual({ kind: "none" });
    expect(planKeyboardMove(forest, "a1x", "out")).toEqual(move("a", "a2"));
    expect(planKeyboardMove(forest, "a2", "out")).toEqual(move(null, "c"));
    expect(planKeyboardMove(forest, "b", "out")).toEqual({ kind: "none" });
  });
});

describe("beforeIdFor (Move to…'s position)", () => {
  const siblings = ["x", "y", "z"];
  it("first goes in front of the first sibling, last in front of none", () => {
    expect(beforeIdFor(FIRST, siblings)).toBe("x");
    expect(beforeIdFor(LAST, siblings)).toBeNull();
    expect(beforeIdFor(FIRST, [])).toBeNull();
  });
  it("after a sibling goes in front of the next one, after the last one is last", () => {
    expect(beforeIdFor(AFTER("x"), siblings)).toBe("y");
    expect(beforeIdFor(AFTER("y"), siblings)).toBe("z");
    expect(beforeIdFor(AFTER("z"), siblings)).toBeNull();
  });
});
