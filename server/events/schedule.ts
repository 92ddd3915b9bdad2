// When an announcement is shown. Pure functions of the stored row and the time.
import type { AnnouncementKind, AnnouncementStatus } from "../../lib/announcements/types";

export type Schedulable = { kind: string; startsAt: Date; endsAt: Date | null; revokedAt: Date | null };

/**
 * Banners and notifications show from startsAt to endsAt. A maintenance notice shows from the moment
 * it is published (counting down to startsAt, the start of the maintenance) until endsAt.
 */
export function statusOf(a: Schedulable, now: number): AnnouncementStatus {
  if (a.revokedAt) return "revoked";
  if (a.endsAt && a.endsAt.getTime() <= now) return "ended";
  if (a.kind !== ("maintenance" satisfies AnnouncementKind) && a.startsAt.getTime() > now) return "scheduled";
  return "active";
}

export const isVisible = (a: Schedulable, now: number): boolean => statusOf(a, now) === "active";

/** The next moment after `now` at which some announcement's visibility changes, if any. */
export function nextBoundary(list: Schedulable[], now: number): number | null {
  let next: number | null = null;
  for (const a of list) {
    if (a.revokedAt) continue;
    const times = [a.endsAt?.getTime()];
    if (a.kind !== "maintenance") times.push(a.startsAt.getTime());
    for (const t of times) if (t !== undefined && t > now && (next === null || t < next)) next = t;
  }
  return next;
}
