"use client";

export function DismissButton({ title, onDismiss }: { title: string; onDismiss: () => void }) {
  return (
    <button
      type="button"
      onClick={onDismiss}
      aria-label={`Dismiss “${title}”`}
      data-testid="announcement-dismiss"
      className="-m-1 shrink-0 rounded p-1 text-lg leading-none opacity-70 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-500"
    >
      <span aria-hidden="true">×</span>
    </button>
  );
}
