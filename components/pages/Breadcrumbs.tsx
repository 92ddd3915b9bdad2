// Where a page sits: "All documents / Parent / … / its parent", above the title. On a phone the middle
// of a long trail folds into "…" (a button that unfolds it), so the first and the nearest stay readable.
"use client";
import Link from "next/link";
import { useState } from "react";
import type { BreadcrumbsState } from "./useBreadcrumbs";

const linkClass =
  "block min-w-0 truncate rounded text-zinc-600 hover:text-zinc-900 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:text-zinc-100";

function Separator() {
  return (
    <span aria-hidden="true" className="shrink-0 px-1 text-zinc-400 dark:text-zinc-500">
      /
    </span>
  );
}

export function Breadcrumbs({ state }: { state: BreadcrumbsState }) {
  const [unfolded, setUnfolded] = useState(false);
  const crumbs = state.status === "ready" ? state.crumbs : [];
  const folded = crumbs.length >= 2 && !unfolded; // on a phone: all but the nearest ancestor
  const middle = crumbs.length - 1;

  return (
    // On a phone the trail takes a line of its own under the "Pages" button; beside it from sm up.
    <nav aria-label="Breadcrumb" data-testid="breadcrumbs" className="order-last w-full min-w-0 sm:order-none sm:w-auto sm:flex-1">
      <ol className="flex min-w-0 items-center text-sm">
        <li className="flex shrink-0 items-center">
          <Link href="/dashboard" className={linkClass}>
            <span aria-hidden="true">← </span>All documents
          </Link>
        </li>
        {folded && (
          <li className="flex shrink-0 items-center sm:hidden">
            <Separator />
            <button
              type="button"
              onClick={() => setUnfolded(true)}
              aria-label={`Show the whole path (${middle} more ${middle === 1 ? "page" : "pages"})`}
              className="rounded px-1 text-zinc-600 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:bg-zinc-800"
            >
              …
            </button>
          </li>
        )}
        {crumbs.map((c, i) => (
          <li
            key={c.id}
            data-testid="breadcrumb"
            className={`min-w-0 items-center ${folded && i < middle ? "hidden sm:flex" : "flex"} ${i === crumbs.length - 1 ? "" : "max-w-[12rem]"}`}
          >
            <Separator />
            <Link href={`/documents/${c.id}`} className={linkClass} title={c.title}>
              {c.title || "Untitled"}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
