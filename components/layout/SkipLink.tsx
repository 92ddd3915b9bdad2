// "Skip to content": the first Tab stop of every page. It lands in the page's main work area (the
// editor on a document page, marked data-skip-target), else at the start of <main>.
"use client";

export function SkipLink() {
  return (
    // biome-ignore lint/a11y/useValidAnchor: a skip link is a link to #main (works without script); the click only refines the target
    <a
      href="#main"
      onClick={(e) => {
        const target = document.querySelector<HTMLElement>("[data-skip-target]");
        target?.focus();
        // A read-only editor cannot take focus: fall back to <main> (the link's own target).
        if (target && document.activeElement === target) e.preventDefault();
      }}
      className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:outline-2 focus:outline-indigo-500 dark:bg-zinc-900"
    >
      Skip to content
    </a>
  );
}
