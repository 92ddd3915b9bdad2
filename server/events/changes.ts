// Turns "what was visible" and "what is visible now" into the stream events that move every viewer
// from one to the other, each addressed only to the viewers allowed to see it.
import type { AnnouncementView, ViewerKind } from "../../lib/announcements/types";
import { viewersOf, type Delivery } from "./audience";

export type PlannedEvent = { event: "announcement" | "maintenance" | "announcement-revoked"; data: unknown; to: Delivery };

export function deliveryOf(a: AnnouncementView): Delivery {
  return { viewers: viewersOf(a.audience), tally: a.id, ...(a.targetPath ? { path: { pattern: a.targetPath } } : {}) };
}

export function showEvent(a: AnnouncementView): PlannedEvent {
  return { event: a.kind === "maintenance" ? "maintenance" : "announcement", data: a, to: deliveryOf(a) };
}

const revoked = (id: string, to: Delivery): PlannedEvent => ({ event: "announcement-revoked", data: { id }, to });

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
      if (lost.length > 0) events.push(revoked(a.id, { viewers: lost }));
      const kept = viewersOf(prev.audience).filter((v) => newViewers.has(v));
      if (a.targetPath && kept.length > 0) events.push(revoked(a.id, { viewers: kept, path: { pattern: a.targetPath, negate: true } }));
    }
    events.push(showEvent(a));
  }
  for (const [id, prev] of before) {
    if (!stillVisible.has(id)) events.push(revoked(id, { viewers: viewersOf(prev.audience) }));
  }
  return events;
}
