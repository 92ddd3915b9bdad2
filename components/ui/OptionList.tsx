// One keyboard-driven list of choices (ARIA listbox) for every autocomplete: the slash menu, the
// editor's "@" menu and the comment box's "@" picker. Focus never leaves the text being typed in (the
// editor or a textarea): that field forwards its keys here (`handle.onKeyDown`) and points at the
// highlighted option with aria-activedescendant (told through `onActive`), so a screen reader
// announces each option as the arrows move. Arrows move (wrapping), Enter or Tab chooses; Escape is
// the field's to handle (it closes the list).
"use client";
import { type ReactNode, type Ref, useEffect, useImperativeHandle, useState } from "react";

export type OptionListHandle = { onKeyDown: (event: { key: string }) => boolean };

export type OptionListProps<T> = {
  /** The listbox element's id (the field's aria-controls). */
  id: string;
  label: string;
  testId?: string;
  items: T[];
  /** The option element's id: unique in the page, stable for an item. */
  optionId: (item: T) => string;
  renderOption: (item: T, selected: boolean) => ReactNode;
  /** Groups contiguous items under a heading (role=group), e.g. people, then documents. */
  groupOf?: (item: T) => string;
  /** Shown instead of options when there are none. */
  empty: ReactNode;
  command: (item: T) => void;
  onActive: (optionId: string | null) => void;
  handle?: Ref<OptionListHandle>;
  className?: string;
};

const optionClass = (selected: boolean) =>
  `flex cursor-pointer flex-col rounded px-3 py-1.5 ${selected ? "bg-indigo-50 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100" : "text-zinc-800 dark:text-zinc-200"}`;

/** The second line of an option, dimmer (and readable when highlighted). */
export function OptionHint({ selected, children }: { selected: boolean; children: ReactNode }) {
  return <span className={`truncate text-xs ${selected ? "text-indigo-700 dark:text-indigo-300" : "text-zinc-500 dark:text-zinc-400"}`}>{children}</span>;
}

export function OptionList<T>(props: OptionListProps<T>) {
  const { items, optionId, command, onActive } = props;
  const [active, setActive] = useState(0);
  // A new filter result starts at its first entry (adjusted while rendering, React's way for derived state).
  const [shownItems, setShownItems] = useState(items);
  if (shownItems !== items) {
    setShownItems(items);
    setActive(0);
  }
  const current = items[Math.min(active, items.length - 1)];
  const currentId = current === undefined ? null : optionId(current);
  useEffect(() => {
    onActive(currentId);
    if (currentId) document.getElementById(currentId)?.scrollIntoView({ block: "nearest" });
  }, [currentId, onActive]);

  useImperativeHandle(props.handle, () => ({
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
        if (current !== undefined) command(current);
        return true;
      }
      return false;
    },
  }));

  const option = (item: T, index: number) => {
    const selected = item === current;
    return (
      // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard drives the list from the text field (handle.onKeyDown); focus stays there
      <div
        key={optionId(item)}
        id={optionId(item)}
        role="option"
        aria-selected={selected}
        tabIndex={-1}
        onMouseDown={(e) => e.preventDefault()} // keep the field's focus and selection
        onMouseEnter={() => setActive(index)}
        onClick={() => command(item)}
        className={optionClass(selected)}
      >
        {props.renderOption(item, selected)}
      </div>
    );
  };

  const groups: { name: string; entries: { item: T; index: number }[] }[] = [];
  items.forEach((item, index) => {
    const name = props.groupOf?.(item) ?? "";
    const last = groups.at(-1);
    if (last && last.name === name) last.entries.push({ item, index });
    else groups.push({ name, entries: [{ item, index }] });
  });

  return (
    <div
      id={props.id}
      role="listbox"
      aria-label={props.label}
      data-testid={props.testId}
      className={`overflow-y-auto rounded-lg border border-zinc-200 bg-white p-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900 ${props.className ?? "max-h-72 w-64"}`}
    >
      {items.length === 0 ? (
        <p className="px-3 py-2 text-zinc-500 dark:text-zinc-400">{props.empty}</p>
      ) : (
        groups.map(({ name, entries }) =>
          props.groupOf ? (
            // biome-ignore lint/a11y/useSemanticElements: a group inside a listbox (ARIA's pattern for grouped options); a fieldset is for form controls
            <div key={name} role="group" aria-label={name}>
              <p aria-hidden="true" className="px-3 pt-2 pb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
                {name}
              </p>
              {entries.map(({ item, index }) => option(item, index))}
            </div>
          ) : (
            entries.map(({ item, index }) => option(item, index))
          ),
        )
      )}
    </div>
  );
}
