// Turns "what was visible" and "what is visible now" into the stream events that move every viewer
// from one to the other, each addressed only to the viewers allowed to see it.
import type { AnnouncementView, ViewerKind } from "../../lib/announcements/types";
import { viewersOf, type Delivery } from "./audience";

/**
 * `dedupe` names the change (announcement, version, event, audience): every instance computes the same
 * change from the same database, and the shared log keeps only the first (redisEventLog.ts).
 */
export type PlannedEvent = { event: "announcement" | "maintenance" | "announcement-revoked"; data: unknown; to: Delivery; dedupe?: string };

function changeKey(a: Pick<AnnouncementView, "id" | "updatedAt">, event: string, to: Delivery): string {
  return JSON.stringify([a.id, a.updatedAt, event, to.viewers, to.path ?? null]);
}

export function deliveryOf(a: AnnouncementView): Delivery {
  return { viewers: viewersOf(a.audience), tally: a.id, ...(a.targetPath ? { path: { pattern: a.targetPath } } : {}) };
}

export function showEvent(a: AnnouncementView): PlannedEvent {
  return { event: a.kind === "maintenance" ? "maintenance" : "announcement", data: a, to: deliveryOf(a) };
}

const revoked = (prev: AnnouncementView, to: Delivery): PlannedEvent => ({
  event: "announcement-revoked",
  data: { id: prev.id },
  to,
  dedupe: changeKey(prev, "announcement-revoked", to),
});

export function diffVisible(before: ReadonlyMap<string, AnnouncementView>, now: readonly AnnouncementView[]): PlannedEvent[] {
  const events: PlannedEvent[] = [];
  const stillVisible = new Set<string>();
  for (const a of now) {
    stillVisible.add(a.id);
    const prev = before.get(a.id);
    if (prev && prev.updatedAt === a.updatedAt) continue;
    if (prev) {
      // Viewers who saw the old version but are outside the new audience or path must drop it.
      const newViewers = new Set<ViewerKind>(viewersOf(a.audience));
      const lost = viewersOf(prev.audience).filter((v) => !newViewers.has(v));
      if (lost.length > 0) events.push(revoked(prev, { viewers: lost }));
      const kept = viewersOf(prev.audience).filter((v) => newViewers.has(v));
      if (a.targetPath && kept.length > 0) events.push(revoked(prev, { viewers: kept, path: { pattern: a.targetPath, negate: true } }));
    }
    const shown = showEvent(a);
    events.push({ ...shown, dedupe: changeKey(a, shown.event, shown.to) });
  }
  for (const [id, prev] of before) {
    if (!stillVisible.has(id)) events.push(revoked(prev, { viewers: viewersOf(prev.audience) }));
  }
  return events;
}
