// How the history panel words and groups versions: by local calendar day ("Today", "Yesterday",
// "Mon, 30 Nov"), with the automatic ones counted so a day of them can fold into one line.
import type { Version } from "./contracts/history";

export type VersionDay = {
  /** The local date, YYYY-MM-DD: stable across renders, for keys and for remembering what is open. */
  key: string;
  label: string;
  /** Newest first, as the list came. */
  versions: Version[];
  /** How many of them were made automatically (the ones a folded day hides). */
  autoCount: number;
};

const pad = (n: number) => String(n).padStart(2, "0");
const dayKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Days between two local dates (0 = same day), ignoring the time of day and summer-time shifts. */
function daysBetween(earlier: Date, later: Date): number {
  const a = Date.UTC(earlier.getFullYear(), earlier.getMonth(), earlier.getDate());
  const b = Date.UTC(later.getFullYear(), later.getMonth(), later.getDate());
  return Math.round((b - a) / 86_400_000);
}

/** "Today", "Yesterday", "Mon, 30 Nov", or with the year when it is not this one. */
export function dayLabel(date: Date, now = new Date(), locale?: string): string {
  const ago = daysBetween(date, now);
  if (ago === 0) return "Today";
  if (ago === 1) return "Yesterday";
  const sameYear = date.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short", year: sameYear ? undefined : "numeric" }).format(date);
}

/** "14:05" in the reader's own clock style. */
export function clockTime(date: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" }).format(date);
}

/** "today at 14:05", "yesterday at 09:10", "Mon, 30 Nov at 09:10": for sentences about one version. */
export function versionWhen(iso: string, now = new Date(), locale?: string): string {
  const date = new Date(iso);
  const day = dayLabel(date, now, locale);
  return `${day === "Today" || day === "Yesterday" ? day.toLowerCase() : day} at ${clockTime(date, locale)}`;
}

/** What to call a version in a sentence or a heading: its name, or what it is and when. */
export function versionTitle(version: Version, now = new Date(), locale?: string): string {
  if (version.name) return version.name;
  const when = versionWhen(version.createdAt, now, locale);
  return version.kind === "restore-point" ? `Before the restore ${when}` : `Version from ${when}`;
}

/** Groups a newest-first list into local days, newest day first. */
export function groupByDay(versions: Version[], now = new Date(), locale?: string): VersionDay[] {
  const days: VersionDay[] = [];
  for (const version of versions) {
    const date = new Date(version.createdAt);
    const key = dayKey(date);
    let day = days.at(-1);
    if (day?.key !== key) {
      day = { key, label: dayLabel(date, now, locale), versions: [], autoCount: 0 };
      days.push(day);
    }
    day.versions.push(version);
    if (version.kind === "auto") day.autoCount++;
  }
  return days;
}

/** "3 versions", "1 automatic version": counts said in words. */
export const countOf = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
