// The versions, newest first, in days. A day folds its automatic versions away (named ones and
// restore points stay in view); today is open. One Tab stop for the whole list: the arrow keys,
// Home and End move through the days and versions (components/ui/useRovingFocus.ts).
"use client";
import { useMemo, useState } from "react";
import type { Version } from "@/lib/contracts/history";
import { clockTime, countOf, groupByDay, type VersionDay } from "@/lib/versionDays";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { useRovingFocus } from "@/components/ui/useRovingFocus";
import { ContributorAvatars } from "./ContributorAvatars";

type Props = {
  versions: Version[];
  /** The version the document area shows, or null for the current document. */
  selectedId: string | null;
  onSelect: (version: Version) => void;
  onSelectCurrent: () => void;
};

const rowClass =
  "w-full rounded-md px-3 py-2 text-left focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-indigo-500 " +
  "hover:bg-zinc-100 dark:hover:bg-zinc-800/70 aria-[current=true]:bg-indigo-50 aria-[current=true]:ring-1 aria-[current=true]:ring-indigo-200 " +
  "dark:aria-[current=true]:bg-indigo-950/60 dark:aria-[current=true]:ring-indigo-900";

export function VersionList({ versions, selectedId, onSelect, onSelectCurrent }: Props) {
  const days = useMemo(() => groupByDay(versions), [versions]);
  const [unfolded, setUnfolded] = useState<Record<string, boolean>>({});
  const roving = useRovingFocus<HTMLDivElement>();
  // Today (the newest day) starts open, and so does the day of the version being shown.
  const isOpen = (day: VersionDay, index: number) => unfolded[day.key] ?? (index === 0 || day.versions.some((v) => v.id === selectedId));

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the arrow keys move between the buttons inside (roving focus); the buttons are the controls
    <div ref={roving.ref} onFocus={roving.onFocus} onKeyDown={roving.onKeyDown} data-testid="version-list" className="space-y-3">
      <button type="button" aria-current={selectedId === null} onClick={onSelectCurrent} data-testid="current-version-row" className={rowClass}>
        <span className="block text-sm font-medium text-zinc-900 dark:text-zinc-100">Current version</span>
        <span className="block text-xs text-zinc-600 dark:text-zinc-400">The live document, as everyone edits it</span>
      </button>
      {days.map((day, index) => {
        const open = isOpen(day, index);
        const shown = open ? day.versions : day.versions.filter((v) => v.kind !== "auto");
        const headingId = `history-day-${day.key}`;
        return (
          <section key={day.key} aria-labelledby={headingId} data-testid="version-day">
            <h3 id={headingId}>
              <button
                type="button"
                aria-expanded={open}
                onClick={() => setUnfolded((u) => ({ ...u, [day.key]: !open }))}
                className="flex w-full items-center gap-2 rounded-md px-2 py-1 text-left text-xs font-semibold tracking-wide text-zinc-500 uppercase hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:bg-zinc-800/70"
              >
                <svg
                  viewBox="0 0 20 20"
                  fill="currentColor"
                  aria-hidden="true"
                  className={`h-3.5 w-3.5 shrink-0 transition-transform ${open ? "rotate-90" : ""}`}
                >
                  <path
                    fillRule="evenodd"
                    d="M7.2 14.8a.75.75 0 0 1 0-1.06L10.94 10 7.2 6.26a.75.75 0 1 1 1.06-1.06l4.27 4.27a.75.75 0 0 1 0 1.06L8.26 14.8a.75.75 0 0 1-1.06 0Z"
                    clipRule="evenodd"
                  />
                </svg>
                <span className="flex-1">{day.label}</span>
                <span className="font-normal normal-case">{countOf(day.versions.length, "version")}</span>
              </button>
            </h3>
            <ul className="mt-1 space-y-0.5">
              {shown.map((v) => (
                <li key={v.id}>
                  <VersionRow version={v} selected={v.id === selectedId} onSelect={() => onSelect(v)} />
                </li>
              ))}
            </ul>
            {!open && day.autoCount > 0 && (
              <p className="px-3 pt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{countOf(day.autoCount, "automatic version")} folded away</p>
            )}
          </section>
        );
      })}
    </div>
  );
}

function VersionRow({ version, selected, onSelect }: { version: Version; selected: boolean; onSelect: () => void }) {
  const clock = clockTime(new Date(version.createdAt));
  return (
    <button
      type="button"
      aria-current={selected}
      onClick={onSelect}
      data-testid="version-row"
      data-version-id={version.id}
      data-kind={version.kind}
      className={rowClass}
    >
      <span className="flex items-center gap-2">
        <span className="min-w-0 flex-1 truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">{version.name ?? clock}</span>
        {version.kind === "restore-point" && (
          <span className="shrink-0 rounded-full bg-amber-100 px-2 py-0.5 text-[11px] font-medium text-amber-800 dark:bg-amber-950 dark:text-amber-300">
            Restore point
          </span>
        )}
      </span>
      <span className="mt-0.5 block text-xs text-zinc-600 dark:text-zinc-400">
        <RelativeTime iso={version.createdAt} />
        {version.name ? ` · ${clock}` : ""}
      </span>
      <span className="mt-1 block text-xs text-zinc-600 dark:text-zinc-300">
        <ContributorAvatars people={version.authors} />
      </span>
    </button>
  );
}
