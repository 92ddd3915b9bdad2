// The slash menu's list: a listbox the keyboard drives from inside the editor (focus never leaves the
// text). The editor element points at the highlighted option (aria-activedescendant, set by
// slashMenu.ts), so a screen reader announces it as the arrows move.
"use client";
import { forwardRef, useEffect, useImperativeHandle, useState } from "react";
import type { SlashItem } from "./slashItems";

export const SLASH_LISTBOX_ID = "slash-menu";
export const slashOptionId = (id: string) => `slash-menu-${id}`;

export type SlashMenuProps = {
  items: SlashItem[];
  command: (item: SlashItem) => void;
  /** Tells the editor which option is highlighted (for aria-activedescendant). */
  onActive: (optionId: string | null) => void;
};

export type SlashMenuHandle = { onKeyDown: (event: KeyboardEvent) => boolean };

export const SlashMenuList = forwardRef<SlashMenuHandle, SlashMenuProps>(function SlashMenuList({ items, command, onActive }, ref) {
  const [active, setActive] = useState(0);
  // A new filter result starts at its first entry (adjusted while rendering, React's way for derived state).
  const [shownItems, setShownItems] = useState(items);
  if (shownItems !== items) {
    setShownItems(items);
    setActive(0);
  }
  const current = items[Math.min(active, items.length - 1)];
  useEffect(() => {
    onActive(current ? slashOptionId(current.id) : null);
    if (current) document.getElementById(slashOptionId(current.id))?.scrollIntoView({ block: "nearest" });
  }, [current, onActive]);

  useImperativeHandle(ref, () => ({
    onKeyDown(event) {
      if (items.length === 0) return false;
      if (event.key === "ArrowDown") {
        setActive((i) => (i + 1) % items.length);
        return true;
      }
      if (event.key === "ArrowUp") {
        setActive((i) => (i - 1 + items.length) % items.length);
        return true;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        if (current) command(current);
        return true;
      }
      return false;
    },
  }));

  return (
    <div
      id={SLASH_LISTBOX_ID}
      role="listbox"
      aria-label="Insert a block"
      data-testid="slash-menu"
      className="max-h-72 w-64 overflow-y-auto rounded-lg border border-zinc-200 bg-white p-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
    >
      {items.length === 0 ? (
        <p className="px-3 py-2 text-zinc-500 dark:text-zinc-400">No block by that name. Keep typing, or press Escape.</p>
      ) : (
        items.map((item, index) => {
          const selected = item === current;
          return (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard drives the list from the editor (onKeyDown above); focus stays in the text
            <div
              key={item.id}
              id={slashOptionId(item.id)}
              role="option"
              aria-selected={selected}
              tabIndex={-1}
              onMouseDown={(e) => e.preventDefault()} // keep the editor's focus and selection
              onMouseEnter={() => setActive(index)}
              onClick={() => command(item)}
              className={`flex cursor-pointer flex-col rounded px-3 py-1.5 ${selected ? "bg-indigo-50 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100" : "text-zinc-800 dark:text-zinc-200"}`}
            >
              <span className="font-medium">{item.title}</span>
              <span className={`text-xs ${selected ? "text-indigo-700 dark:text-indigo-300" : "text-zinc-500 dark:text-zinc-400"}`}>{item.hint}</span>
            </div>
          );
        })
      )}
    </div>
  );
});
