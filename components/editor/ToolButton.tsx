// One toolbar button (state in aria-pressed, the text selection kept when clicked) and the separator.
"use client";
import type { ReactNode } from "react";

export function ToolButton(props: {
  label: string;
  active?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
  expanded?: boolean;
  testId?: string;
  /** A narrow button (a "▾" beside the button it belongs to). */
  compact?: boolean;
}) {
  return (
    <button
      type="button"
      aria-label={props.label}
      title={props.label}
      aria-pressed={props.active === undefined ? undefined : props.active}
      aria-expanded={props.expanded}
      data-testid={props.testId}
      disabled={props.disabled}
      onMouseDown={(e) => e.preventDefault()} // keep the text selection
      onClick={props.onClick}
      className={toolButtonClass(props.active ?? false, props.compact ?? false)}
    >
      {props.children}
    </button>
  );
}

/**
 * 32 px buttons (the toolbar's "More" takes what does not fit rather than the buttons shrinking), a
 * narrow one for a "▾" beside the button it belongs to.
 */
export function toolButtonClass(active: boolean, compact: boolean): string {
  return (
    `inline-flex h-8 shrink-0 items-center justify-center rounded text-sm transition-colors ${compact ? "min-w-5 px-0.5" : "min-w-8 px-2"} ` +
    "focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-40 " +
    (active ? "bg-zinc-200 text-zinc-900 dark:bg-zinc-700 dark:text-zinc-50" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800")
  );
}

/** Its width with its margins (px), for fitting the toolbar's row: mx-0.5 and w-px. */
export const DIVIDER_WIDTH = 5;
export const Divider = () => <span aria-hidden="true" className="mx-0.5 h-5 w-px shrink-0 bg-zinc-200 dark:bg-zinc-700" />;

/** A toolbar icon: a 20×20 line drawing in the text colour (its button carries the name). */
export const ToolIcon = ({ children }: { children: ReactNode }) => (
  <svg
    viewBox="0 0 20 20"
    fill="none"
    stroke="currentColor"
    strokeWidth="1.6"
    strokeLinecap="round"
    strokeLinejoin="round"
    className="h-4 w-4"
    aria-hidden="true"
  >
    {children}
  </svg>
);
