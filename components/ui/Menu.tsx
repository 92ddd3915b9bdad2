// A popup menu (the ARIA menu pattern) opened by a button: a page row's actions, the toolbar's "More".
// Placed with position: fixed under its anchor (above it when there is more room there, scrolling when
// neither side has room for all of it), so a scrolling box does not clip it; scrolling the page or
// resizing closes it, as it would leave its anchor behind. Focus goes to the first item; the arrow keys,
// Home and End move, Escape closes and hands focus back, Tab closes. Items can show a state
// (menuitemcheckbox, menuitemradio) and a hint on the right, e.g. their shortcut.
"use client";
import { type CSSProperties, type KeyboardEvent, type ReactNode, useEffect, useLayoutEffect, useRef, useState } from "react";
import { movedIndex } from "./keyNavigation";

type ItemBase = { key: string; label: string; hint?: string; icon?: ReactNode; disabled?: boolean; run: () => void };
export type MenuItem = (ItemBase & { kind: "action" }) | (ItemBase & { kind: "checkbox" | "radio"; checked: boolean });
/** Items between separators (a group: where radio items choose one of several). */
export type MenuSection = { key: string; label?: string; items: MenuItem[] };

const ROLE = { action: "menuitem", checkbox: "menuitemcheckbox", radio: "menuitemradio" } as const;

const enabledItems = (menu: HTMLElement | null) =>
  Array.from(menu?.querySelectorAll<HTMLButtonElement>('[role^="menuitem"]:not([aria-disabled="true"])') ?? []);

type Props = {
  sections: MenuSection[];
  /** The id of the button the menu hangs from (their right edges line up); without it, the menu's parent. */
  anchorId?: string;
  labelledBy: string;
  id?: string;
  testId?: string;
  /** Extra data-* attributes for the menu element. */
  data?: Record<`data-${string}`, string>;
  onClose: (returnFocus: boolean) => void;
  width?: string;
};

const GAP = 4;
const MARGIN = 8;

export function Menu({ sections, anchorId, labelledBy, id, testId, data, onClose, width = "w-60" }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<CSSProperties>({ position: "fixed", top: 0, left: 0, visibility: "hidden" });

  useLayoutEffect(() => {
    const menu = ref.current;
    const at = anchorId ? document.getElementById(anchorId) : menu?.parentElement;
    if (!menu || !at) return;
    const r = at.getBoundingClientRect();
    const height = menu.scrollHeight;
    const roomBelow = window.innerHeight - r.bottom - GAP - MARGIN;
    const roomAbove = r.top - GAP - MARGIN;
    const below = height <= roomBelow || roomBelow >= roomAbove;
    const room = below ? roomBelow : roomAbove;
    const shown = Math.min(height, room);
    setPlace({
      position: "fixed",
      top: below ? r.bottom + GAP : r.top - GAP - shown,
      left: Math.max(MARGIN, Math.min(r.right - menu.offsetWidth, window.innerWidth - menu.offsetWidth - MARGIN)),
      maxHeight: room,
    });
  }, [anchorId]);

  // Focus goes in once it is placed (a hidden menu cannot take focus).
  const placed = place.visibility !== "hidden";
  useEffect(() => {
    // With every item disabled (undo and redo in a new document) the menu itself, so Escape still works.
    if (placed) (enabledItems(ref.current)[0] ?? ref.current)?.focus({ preventScroll: true });
  }, [placed]);

  useEffect(() => {
    const outside = (e: MouseEvent) => {
      const target = e.target as Node;
      // A press on the anchor button is its own toggle, not a press outside.
      const onAnchor = anchorId !== undefined && document.getElementById(anchorId)?.contains(target);
      if (!ref.current?.contains(target) && !onAnchor) onClose(false);
    };
    const away = (e: Event) => {
      if (!(e.target instanceof Node && ref.current?.contains(e.target))) onClose(false);
    };
    document.addEventListener("mousedown", outside);
    window.addEventListener("scroll", away, true);
    window.addEventListener("resize", away);
    return () => {
      document.removeEventListener("mousedown", outside);
      window.removeEventListener("scroll", away, true);
      window.removeEventListener("resize", away);
    };
  }, [onClose, anchorId]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    e.stopPropagation(); // the keys of what holds the menu (a tree, a toolbar) stay out of it
    const all = enabledItems(ref.current);
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const to = movedIndex(e.key, at, all.length, "vertical");
    if (to !== null) {
      e.preventDefault();
      all[to].focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      onClose(true);
    } else if (e.key === "Tab") {
      onClose(false);
    }
  }

  return (
    <div
      ref={ref}
      id={id}
      role="menu"
      tabIndex={-1}
      aria-labelledby={labelledBy}
      data-testid={testId}
      {...data}
      onKeyDown={onKeyDown}
      style={place}
      className={`z-50 ${width} overflow-y-auto overscroll-contain rounded-md border border-zinc-200 bg-white p-1 shadow-lg focus:outline-none dark:border-zinc-700 dark:bg-zinc-900`}
    >
      {sections.map((section, i) => (
        // biome-ignore lint/a11y/useSemanticElements: a group of menu items (the ARIA menu pattern), not of form fields
        <div key={section.key} role="group" aria-label={section.label}>
          {i > 0 && <hr className="my-1 border-zinc-200 dark:border-zinc-700" />}
          {section.items.map((item) => (
            <MenuEntry key={item.key} item={item} onClose={onClose} />
          ))}
        </div>
      ))}
    </div>
  );
}

function MenuEntry({ item, onClose }: { item: MenuItem; onClose: (returnFocus: boolean) => void }) {
  const checked = item.kind === "action" ? undefined : item.checked;
  return (
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: aria-checked goes only on menuitemcheckbox and menuitemradio
    <button
      type="button"
      role={ROLE[item.kind]}
      tabIndex={-1}
      aria-checked={checked}
      aria-disabled={item.disabled || undefined}
      onClick={() => {
        if (item.disabled) return;
        onClose(false);
        item.run();
      }}
      className={
        "flex w-full items-center gap-3 rounded px-3 py-2 text-left text-sm text-zinc-800 hover:bg-zinc-100 focus:bg-zinc-100 focus:outline-none pointer-coarse:py-2.5 " +
        "aria-disabled:cursor-not-allowed aria-disabled:text-zinc-400 aria-disabled:hover:bg-transparent dark:text-zinc-100 dark:hover:bg-zinc-800 dark:focus:bg-zinc-800 dark:aria-disabled:text-zinc-500"
      }
    >
      {item.icon !== undefined && (
        // The item's state shows on its icon as on the toolbar button it stands for.
        <span
          aria-hidden="true"
          className={`inline-flex h-6 min-w-6 shrink-0 items-center justify-center rounded px-0.5 ${checked ? "bg-zinc-200 text-zinc-900 dark:bg-zinc-700 dark:text-zinc-50" : "text-zinc-600 dark:text-zinc-300"}`}
        >
          {item.icon}
        </span>
      )}
      <span className="min-w-0 flex-1 truncate">{item.label}</span>
      {checked && (
        <svg
          viewBox="0 0 20 20"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          className="h-4 w-4 shrink-0 text-indigo-600 dark:text-indigo-400"
          aria-hidden="true"
        >
          <path d="m4.5 10.5 3.5 3.5 7.5-8" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      )}
      {item.hint && <span className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400">{item.hint}</span>}
    </button>
  );
}
