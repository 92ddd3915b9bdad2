// A toolbar row that never wraps or clips: the items that do not fit move into a "⋯" menu at the end of
// the row (as in Google Docs), in lib/editor/toolbarLayout's order, measured live (useToolbarOverflow).
// The row is one Tab stop with the arrow keys inside (useRovingFocus); "More" is a menu button whose menu
// lists the moved items with their state and shortcut.
"use client";
import { type ReactNode, useCallback, useId, useState } from "react";
import { Menu, type MenuItem, type MenuSection } from "@/components/ui/Menu";
import { useRovingFocus } from "@/components/ui/useRovingFocus";
import { TOOLBAR_GROUPS, type ToolbarItemId } from "@/lib/editor/toolbarLayout";
import { Divider, toolButtonClass } from "./ToolButton";
import { ITEM_ATTR, MORE_ATTR, useToolbarOverflow } from "./useToolbarOverflow";

/** One item: its button(s) in the row, and in "More" one entry (joined with its group's) or a section of its own. */
export type OverflowItem = { id: ToolbarItemId; button: ReactNode; menu: MenuItem | MenuSection };

// Out of the flow (so the row's width does not count it) and out of reach, but still measurable.
const SHOWN = "inline-flex shrink-0 items-center";
const MOVED = `${SHOWN} invisible absolute top-0 left-0`;

/** "More"'s sections: the moved items in row order, a separator between the row's groups. */
function menuSections(items: ReadonlyMap<ToolbarItemId, OverflowItem>, hidden: readonly ToolbarItemId[]): MenuSection[] {
  const sections: MenuSection[] = [];
  TOOLBAR_GROUPS.forEach((group, g) => {
    let joined: MenuSection | null = null;
    for (const id of group) {
      const menu = hidden.includes(id) ? items.get(id)?.menu : undefined;
      if (!menu) continue;
      if ("items" in menu) {
        sections.push(menu);
        joined = null;
      } else {
        if (!joined) {
          joined = { key: `group-${g}-${id}`, items: [] };
          sections.push(joined);
        }
        joined.items.push(menu);
      }
    }
  });
  return sections;
}

export function OverflowToolbar({ label, items }: { label: string; items: OverflowItem[] }) {
  const roving = useRovingFocus<HTMLDivElement>();
  const hidden = useToolbarOverflow(roving.ref);
  const [open, setOpen] = useState(false);
  const moreId = useId();
  const menuId = useId();
  const byId = new Map(items.map((item) => [item.id, item]));
  const overflowing = hidden.length > 0;
  if (open && !overflowing) setOpen(false); // everything fits again: nothing left to show

  const close = useCallback(
    (returnFocus: boolean) => {
      setOpen(false);
      if (returnFocus) document.getElementById(moreId)?.focus();
    },
    [moreId],
  );

  // A divider before the first shown item of a group, when something is shown before it.
  const row: ReactNode[] = [];
  let shownBefore = false;
  for (const group of TOOLBAR_GROUPS) {
    let groupShown = false;
    for (const id of group) {
      const item = byId.get(id);
      if (!item) continue;
      const moved = hidden.includes(id);
      if (!moved && !groupShown && shownBefore) row.push(<Divider key={`divider-${id}`} />);
      if (!moved) groupShown = shownBefore = true;
      row.push(
        <span key={id} {...{ [ITEM_ATTR]: id }} className={moved ? MOVED : SHOWN} inert={moved} aria-hidden={moved || undefined}>
          {item.button}
        </span>,
      );
    }
  }

  return (
    <>
      <div
        ref={roving.ref}
        onFocus={roving.onFocus}
        onKeyDown={roving.onKeyDown}
        role="toolbar"
        aria-label={label}
        // One row at every width; inline-size containment: the row's width comes from the column, never
        // from its buttons (they are fitted to it).
        className="relative flex flex-nowrap items-center border-t border-zinc-200 px-1 py-1 [contain:inline-size] dark:border-zinc-800"
      >
        {row}
        {overflowing && shownBefore && <Divider />}
        <span {...{ [MORE_ATTR]: "" }} className={overflowing ? SHOWN : MOVED} inert={!overflowing} aria-hidden={!overflowing || undefined}>
          <button
            id={moreId}
            type="button"
            aria-label="More formatting"
            title="More formatting"
            aria-haspopup="menu"
            aria-expanded={open}
            aria-controls={open ? menuId : undefined}
            data-testid="toolbar-more"
            onMouseDown={(e) => e.preventDefault()} // keep the text selection
            onClick={() => setOpen((o) => !o)}
            onKeyDown={(e) => {
              // The menu button's own keys (the APG pattern); Left and Right still move along the row.
              if (e.key === "ArrowDown" || e.key === "ArrowUp") {
                e.preventDefault();
                e.stopPropagation();
                setOpen(true);
              }
            }}
            className={toolButtonClass(open, false)}
          >
            <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="h-4 w-4">
              <path d="M3 10a1.5 1.5 0 1 1 3 0 1.5 1.5 0 0 1-3 0Zm5.5 0a1.5 1.5 0 1 1 3 0 1.5 1.5 0 0 1-3 0ZM15.5 8.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Z" />
            </svg>
          </button>
        </span>
      </div>
      {open && overflowing && (
        <Menu id={menuId} sections={menuSections(byId, hidden)} anchorId={moreId} labelledBy={moreId} testId="toolbar-more-menu" width="w-64" onClose={close} />
      )}
    </>
  );
}
