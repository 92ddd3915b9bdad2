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
      // lg: the editor column sits between the page tree and the comments (about 650 px at 1280), and
      // slightly tighter buttons (28 px, still above the 24 px target minimum) keep the toolbar on one row.
      className={
        `inline-flex h-8 items-center justify-center rounded text-sm transition-colors ${props.compact ? "min-w-5 px-0.5" : "min-w-8 px-2 lg:min-w-7 lg:px-1.5"} ` +
        "focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-40 " +
        (props.active
          ? "bg-zinc-200 text-zinc-900 dark:bg-zinc-700 dark:text-zinc-50"
          : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800")
      }
    >
      {props.children}
    </button>
  );
}

export const Divider = () => <span aria-hidden="true" className="mx-0.5 h-5 w-px bg-zinc-200 dark:bg-zinc-700" />;

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
