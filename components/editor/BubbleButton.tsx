// A compact button for the editor's bubbles (format, link, table). Keeps the text selection on click.
"use client";
import type { ReactNode } from "react";

export const bubblePanelClass =
  "z-30 flex items-center gap-0.5 rounded-lg border border-zinc-200 bg-white p-1 text-zinc-800 shadow-lg " +
  "dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:shadow-black/40";

export function BubbleButton(props: { label: string; active?: boolean; danger?: boolean; onClick: () => void; children: ReactNode; testId?: string }) {
  return (
    <button
      type="button"
      aria-label={props.label}
      title={props.label}
      aria-pressed={props.active}
      data-testid={props.testId}
      onMouseDown={(e) => e.preventDefault()} // the editor keeps its selection
      onClick={props.onClick}
      className={
        "inline-flex h-8 min-w-8 items-center justify-center rounded px-2 text-sm whitespace-nowrap transition-colors " +
        "focus-visible:outline-2 focus-visible:outline-indigo-500 " +
        (props.active
          ? "bg-zinc-200 text-zinc-900 dark:bg-zinc-700 dark:text-zinc-50"
          : props.danger
            ? "text-red-600 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950/50"
            : "hover:bg-zinc-100 dark:hover:bg-zinc-800")
      }
    >
      {props.children}
    </button>
  );
}
