// Who contributed to a version: overlapping initials in each person's colour, then their names.
import type { Contributor } from "@/lib/contracts/history";
import { initials, userColor } from "@/lib/collab/userColor";

const MAX_SHOWN = 3;

export function ContributorAvatars({ people }: { people: Contributor[] }) {
  if (people.length === 0) return <span className="text-zinc-500 dark:text-zinc-400">No changes</span>;
  const shown = people.slice(0, MAX_SHOWN);
  const names = people.map((p) => p.name).join(", ");
  return (
    <span className="flex min-w-0 items-center gap-1.5" data-testid="version-contributors">
      <span aria-hidden="true" className="flex shrink-0 -space-x-1">
        {shown.map((p) => (
          <span
            key={p.id}
            className="flex h-5 w-5 items-center justify-center rounded-full text-[9px] font-semibold text-white ring-2 ring-white dark:ring-zinc-900"
            style={{ backgroundColor: userColor(p.id) }}
          >
            {initials(p.name)}
          </span>
        ))}
      </span>
      <span className="truncate" title={names}>
        {names}
      </span>
    </span>
  );
}

/** A small square in an author's colour, for legends. */
export function AuthorSwatch({ id }: { id: string | null }) {
  return <span aria-hidden="true" className="inline-block h-3 w-3 shrink-0 rounded-sm" style={{ backgroundColor: id ? userColor(id) : "#71717a" }} />;
}
