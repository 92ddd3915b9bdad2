// The star that adds a document to Favourites (or takes it out): a toggle button (aria-pressed),
// named with the document's title for screen readers.
"use client";

type Props = { title: string; starred: boolean; onToggle: () => void; busy?: boolean; size?: "sm" | "md" };

export function StarButton({ title, starred, onToggle, busy, size = "sm" }: Props) {
  const box = size === "sm" ? "h-8 w-8" : "h-10 w-10";
  return (
    <button
      type="button"
      aria-pressed={starred}
      aria-label={starred ? `Remove ${title} from favourites` : `Add ${title} to favourites`}
      title={starred ? "Remove from favourites" : "Add to favourites"}
      data-testid="star-button"
      disabled={busy}
      onClick={onToggle}
      className={`inline-flex ${box} shrink-0 items-center justify-center rounded-md transition-colors hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-60 dark:hover:bg-zinc-800 ${
        starred ? "text-amber-500 dark:text-amber-400" : "text-zinc-400 hover:text-zinc-600 dark:text-zinc-500 dark:hover:text-zinc-300"
      }`}
    >
      <svg viewBox="0 0 20 20" aria-hidden="true" className="h-5 w-5" fill={starred ? "currentColor" : "none"} stroke="currentColor" strokeWidth={1.5}>
        <path strokeLinejoin="round" d="M10 2.5l2.35 4.76 5.25.77-3.8 3.7.9 5.23L10 14.49l-4.7 2.47.9-5.23-3.8-3.7 5.25-.77L10 2.5z" />
      </svg>
    </button>
  );
}
