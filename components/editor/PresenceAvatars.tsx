// Round initials in each person's caret colour; names on hover and for screen readers.
import { initials } from "@/lib/collab/userColor";
import type { PresentUser } from "./usePresence";

const MAX_SHOWN = 5;

export function PresenceAvatars({ people }: { people: PresentUser[] }) {
  if (people.length === 0) return null;
  const shown = people.slice(0, MAX_SHOWN);
  const hidden = people.length - shown.length;
  const names = people.map((p) => (p.isSelf ? `${p.name} (you)` : p.name)).join(", ");
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of avatars, not form controls, so not a <fieldset>
    <div data-testid="presence" className="flex items-center" aria-label={`In this document: ${names}`} role="group">
      <ul className="flex -space-x-1">
        {shown.map((p) => (
          <li
            key={p.id}
            title={p.isSelf ? `${p.name} (you)` : p.name}
            data-testid="presence-avatar"
            className="flex h-7 w-7 items-center justify-center rounded-full text-[11px] font-semibold text-white ring-2 ring-white dark:ring-zinc-900"
            style={{ backgroundColor: p.color }}
          >
            <span aria-hidden="true">{initials(p.name)}</span>
          </li>
        ))}
      </ul>
      {hidden > 0 && <span className="ml-2 text-xs text-zinc-500 dark:text-zinc-400">+{hidden}</span>}
    </div>
  );
}
