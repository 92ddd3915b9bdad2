import { describe, expect, it } from "vitest";
import { SHORTCUT_GROUPS } from "./shortcuts";
import { ALIGN_SHORTCUTS, overflowingItems, TOOLBAR_ITEMS, TOOLBAR_SHORTCUTS, type ToolbarItemId, type ToolbarMeasure } from "./toolbarLayout";

// 18 buttons of 32 px and the alignment button of 44: 640 px with the four dividers of 5 px.
const widths = Object.fromEntries(TOOLBAR_ITEMS.map((id) => [id, id === "align" ? 44 : 32])) as Record<ToolbarItemId, number>;
const measure = (available: number, extra: Partial<ToolbarMeasure> = {}): ToolbarMeasure => ({ widths, available, moreWidth: 32, dividerWidth: 5, ...extra });

describe("overflowingItems", () => {
  it("keeps every item in the row when they fit, with no More button", () => {
    expect(overflowingItems(measure(640))).toEqual([]);
  });

  it("moves undo and redo out first, and makes room for the More button and its divider", () => {
    // 639: one pixel short. Without redo and undo (and their divider) 571, + 5 + 32 for More = 608.
    expect(overflowingItems(measure(639))).toEqual(["undo", "redo"]);
    expect(overflowingItems(measure(608))).toEqual(["undo", "redo"]);
    // 607 needs one more item out: the image insert.
    expect(overflowingItems(measure(607))).toEqual(["image", "undo", "redo"]);
  });

  it("keeps bold, italic, headings, lists and link longest (a phone's width)", () => {
    const hidden = overflowingItems(measure(356));
    const kept = TOOLBAR_ITEMS.filter((id) => !hidden.includes(id));
    expect(kept).toEqual(["h1", "h2", "h3", "bold", "italic", "link", "bulletList", "orderedList", "taskList"]);
  });

  it("never moves an item whose choices are open", () => {
    const wide = { ...widths, highlight: 250 };
    const hidden = overflowingItems(measure(500, { widths: wide, pinned: new Set<ToolbarItemId>(["highlight"]) }));
    expect(hidden).not.toContain("highlight");
    expect(hidden).toContain("align"); // the next in order went instead
  });
});

describe("TOOLBAR_SHORTCUTS", () => {
  it("lists only shortcuts the shortcut sheet lists too", () => {
    const sheet = SHORTCUT_GROUPS.filter((g) => g.title !== "As you type").flatMap((g) => g.shortcuts.map((s) => s.keys.join("+")));
    for (const keys of [...Object.values(TOOLBAR_SHORTCUTS), ...Object.values(ALIGN_SHORTCUTS)]) {
      const asListed = keys.join("+").replace(/^Mod\+Alt\+[123]$/, "Mod+Alt+1 – 3"); // the sheet lists headings as one row
      expect(sheet).toContain(asListed);
    }
  });
});
