// On /s/<token> for a page with sub-pages: the pages the link opens, indented as in the tree, so a
// guest can move between them (the link opens each sub-page that inherits access, with its role).
// The list is live: GuestLinkView keeps it up to date from the server's "link:pages".
"use client";
import type { LinkPages } from "@/lib/realtime/events";

type Props = { list: LinkPages; current: string; onOpen: (pageId: string) => void };

export function GuestPageList({ list, current, onOpen }: Props) {
  const depth = new Map<string, number>([[list.documentId, 0]]);
  for (const p of list.pages) depth.set(p.id, (depth.get(p.parentId) ?? 0) + 1);
  const rows = [{ id: list.documentId, title: list.title }, ...list.pages];
  return (
    <nav aria-label="Pages in this link" data-testid="guest-pages" className="w-full lg:w-56 lg:shrink-0">
      <ul className="space-y-0.5 text-sm">
        {rows.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              onClick={() => onOpen(p.id)}
              aria-current={p.id === current ? "page" : undefined}
              style={{ paddingLeft: `${0.5 + (depth.get(p.id) ?? 0) * 0.875}rem` }}
              className={`block w-full truncate rounded-md py-1.5 pr-2 text-left hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800 ${
                p.id === current ? "bg-zinc-100 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50" : "text-zinc-700 dark:text-zinc-300"
              }`}
            >
              {p.title || "Untitled"}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
