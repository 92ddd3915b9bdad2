// One Tab stop for a group of buttons (the ARIA toolbar pattern): Tab enters on the last-used
// button and leaves the group; the arrow keys, Home and End move within it. Disabled buttons are
// skipped, and so are inert ones (the toolbar's buttons moved into its "More" menu). A keyboard user reaches the editor past the formatting toolbar with one Tab, not eighteen.
"use client";
import { useCallback, useEffect, useRef, type FocusEvent, type KeyboardEvent } from "react";
import { movedIndex } from "./keyNavigation";

function enabledButtons(group: HTMLElement | null): HTMLButtonElement[] {
  return Array.from(group?.querySelectorAll<HTMLButtonElement>("button:not(:disabled)") ?? []).filter((b) => !b.closest("[inert]"));
}

export function useRovingFocus<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const current = useRef<HTMLElement | null>(null);

  // After every render: exactly one enabled button is in the Tab order.
  useEffect(() => {
    const all = enabledButtons(ref.current);
    const active = current.current && all.includes(current.current as HTMLButtonElement) ? current.current : (all[0] ?? null);
    for (const b of ref.current?.querySelectorAll<HTMLButtonElement>("button") ?? []) b.tabIndex = b === active ? 0 : -1;
  });

  const onFocus = useCallback((e: FocusEvent<T>) => {
    if (!(e.target instanceof HTMLButtonElement)) return;
    current.current = e.target;
    for (const b of ref.current?.querySelectorAll<HTMLButtonElement>("button") ?? []) b.tabIndex = b === e.target ? 0 : -1;
  }, []);

  const onKeyDown = useCallback((e: KeyboardEvent<T>) => {
    const all = enabledButtons(ref.current);
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0 || all.length === 0) return;
    const to = movedIndex(e.key, at, all.length, "both");
    if (to === null) return;
    e.preventDefault();
    all[to].focus();
  }, []);

  return { ref, onFocus, onKeyDown };
}
