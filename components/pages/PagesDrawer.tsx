// The page tree on narrow screens: a sheet from the left (a modal <dialog>, so focus stays inside and
// Escape closes it), opened by the "Pages" button.
"use client";
import { type ReactNode, useEffect, useRef } from "react";

type Props = { open: boolean; onClose: () => void; labelledBy: string; children: ReactNode };

export function PagesDrawer({ open, onClose, labelledBy, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // Into the tree, on the page being shown (or the first one), as a keyboard user expects.
      dialog.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: Escape closes it (onCancel); the click is the mouse's way (backdrop)
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      data-testid="pages-drawer"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
      className="fixed inset-y-0 left-0 m-0 h-dvh max-h-none w-[min(20rem,88vw)] border-r border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      {open && <div className="h-full overflow-y-auto p-3">{children}</div>}
    </dialog>
  );
}
