// Placed with position: fixed under its row (above it near the window's bottom), so the sidebar's
// scrolling box does not clip it; scrolling or resizing closes it, as it would leave its row behind.
// A page row's actions (the "⋯" button, Shift+F10 or the context-menu key on a row): new sub-page,
// "Move to…", and the moves Alt+Shift+arrows make, named so a keyboard user finds them here too.
"use client";
import { type CSSProperties, type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from "react";

export type RowAction = { key: string; label: string; hint?: string; disabled?: boolean; run: () => void };

const enabledItems = (menu: HTMLElement | null) => Array.from(menu?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? []);

type Props = { id: string; actions: RowAction[]; labelledBy: string; onClose: (returnFocus: boolean) => void };

export function PageRowMenu({ id, actions, labelledBy, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const items = () => enabledItems(ref.current);

  const [place, setPlace] = useState<CSSProperties>({ position: "fixed", top: 0, left: 0, visibility: "hidden" });

  useLayoutEffect(() => {
    const menu = ref.current;
    const row = menu?.parentElement;
    if (!menu || !row) return;
    const r = row.getBoundingClientRect();
    const height = menu.offsetHeight;
    const below = r.bottom + 4 + height <= window.innerHeight;
    setPlace({
      position: "fixed",
      top: below ? r.bottom + 4 : Math.max(8, r.top - 4 - height),
      left: Math.max(8, Math.min(r.right - menu.offsetWidth, window.innerWidth - menu.offsetWidth - 8)),
    });
  }, []);

  // Focus goes in once it is placed (a hidden menu cannot take focus).
  const placed = place.visibility !== "hidden";
  useEffect(() => {
    if (placed) enabledItems(ref.current)[0]?.focus({ preventScroll: true });
  }, [placed]);

  useEffect(() => {
    const outside = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose(false);
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
  }, [onClose]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    e.stopPropagation(); // the tree's own keys stay out of the menu
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const to =
      e.key === "ArrowDown"
        ? (at + 1) % all.length
        : e.key === "ArrowUp"
          ? (at - 1 + all.length) % all.length
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? all.length - 1
              : null;
    if (to !== null && all.length) {
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
      role="menu"
      aria-labelledby={labelledBy}
      data-testid="page-row-menu"
      data-page-id={id}
      onKeyDown={onKeyDown}
      style={place}
      className="z-50 w-60 rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
    >
      {actions.map((a) => (
        <button
          key={a.key}
          type="button"
          role="menuitem"
          tabIndex={-1}
          aria-disabled={a.disabled || undefined}
          onClick={() => {
            if (a.disabled) return;
            onClose(false);
            a.run();
          }}
          className="flex w-full items-center justify-between gap-3 rounded px-3 py-2 text-left text-sm text-zinc-800 hover:bg-zinc-100 focus:bg-zinc-100 focus:outline-none aria-disabled:cursor-not-allowed aria-disabled:text-zinc-400 aria-disabled:hover:bg-transparent dark:text-zinc-100 dark:hover:bg-zinc-800 dark:focus:bg-zinc-800 dark:aria-disabled:text-zinc-500"
        >
          <span className="min-w-0 truncate">{a.label}</span>
          {a.hint && <span className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400">{a.hint}</span>}
        </button>
      ))}
    </div>
  );
}
