// The "@" autocomplete's list: people first, then documents, as one listbox the keyboard drives from
// inside the editor (focus never leaves the text; the editor points at the highlighted option with
// aria-activedescendant, as the slash menu does).
"use client";
import { forwardRef, useEffect, useImperativeHandle, useState } from "react";
import type { MentionItem } from "./mentionMenu";

export const MENTION_LISTBOX_ID = "mention-menu";
const optionId = (item: MentionItem) => `mention-menu-${item.kind}-${item.id}`;

export type MentionListProps = {
  items: MentionItem[];
  loading: boolean;
  query: string;
  command: (item: MentionItem) => void;
  onActive: (optionId: string | null) => void;
};

export type MentionListHandle = { onKeyDown: (event: KeyboardEvent) => boolean };

export const MentionList = forwardRef<MentionListHandle, MentionListProps>(function MentionList({ items, loading, query, command, onActive }, ref) {
  const [active, setActive] = useState(0);
  const [shownItems, setShownItems] = useState(items);
  if (shownItems !== items) {
    setShownItems(items);
    setActive(0);
  }
  const current = items[Math.min(active, items.length - 1)];
  useEffect(() => {
    onActive(current ? optionId(current) : null);
    if (current) document.getElementById(optionId(current))?.scrollIntoView({ block: "nearest" });
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

  const groups = [
    { kind: "member" as const, heading: "People in this document" },
    { kind: "document" as const, heading: "Documents" },
  ];
  return (
    <div
      id={MENTION_LISTBOX_ID}
      role="listbox"
      aria-label="Mention a person or a document"
      data-testid="mention-menu"
      className="max-h-80 w-72 max-w-[calc(100vw-2rem)] overflow-y-auto rounded-lg border border-zinc-200 bg-white p-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
    >
      {items.length === 0 ? (
        <p className="px-3 py-2 text-zinc-500 dark:text-zinc-400">
          {loading ? "Looking…" : query ? `No one and no document matches “${query}”. Keep typing, or press Escape.` : "No one else is in this document yet."}
        </p>
      ) : (
        groups.map(({ kind, heading }) => {
          const inGroup = items.filter((i) => i.kind === kind);
          if (inGroup.length === 0) return null;
          return (
            // biome-ignore lint/a11y/useSemanticElements: a group inside a listbox (ARIA's pattern for grouped options); a fieldset is for form controls
            <div key={kind} role="group" aria-label={heading}>
              <p aria-hidden="true" className="px-3 pt-2 pb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
                {heading}
              </p>
              {inGroup.map((item) => {
                const selected = item === current;
                return (
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard drives the list from the editor (onKeyDown above); focus stays in the text
                  <div
                    key={optionId(item)}
                    id={optionId(item)}
                    role="option"
                    aria-selected={selected}
                    tabIndex={-1}
                    onMouseDown={(e) => e.preventDefault()} // keep the editor's focus and selection
                    onMouseEnter={() => setActive(items.indexOf(item))}
                    onClick={() => command(item)}
                    className={`flex cursor-pointer flex-col rounded px-3 py-1.5 ${selected ? "bg-indigo-50 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100" : "text-zinc-800 dark:text-zinc-200"}`}
                  >
                    <span className="truncate font-medium">
                      {kind === "member" ? "@" : ""}
                      {item.label}
                    </span>
                    <span className={`truncate text-xs ${selected ? "text-indigo-700 dark:text-indigo-300" : "text-zinc-500 dark:text-zinc-400"}`}>
                      {item.hint}
                    </span>
                  </div>
                );
              })}
            </div>
          );
        })
      )}
    </div>
  );
});
