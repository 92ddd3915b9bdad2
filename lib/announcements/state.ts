// What a tab knows from the event stream, and how each stream event changes it. Pure, so the
// leader tab and every follower tab compute the same state from the same events.
import type { AnnouncementView, ReachSummary, StreamEventName, ViewerKind } from "./types";

export type ConnectionStatus = "connecting" | "open" | "reconnecting";

export type StreamState = {
  /** Announcements and maintenance notices shown now, by id. */
  items: Record<string, AnnouncementView>;
  /** Ids an administrator sent a reminder for (shown with a "Reminder" label until acknowledged). */
  reminded: Record<string, true>;
  /** Administrators: the latest reach figures pushed for each announcement. */
  reach: Record<string, ReachSummary>;
  viewer: ViewerKind | null;
  /** The build the server runs now, and the first one this tab saw (a difference means: reload). */
  buildId: string | null;
  firstBuildId: string | null;
  lastEventId: string | null;
  status: ConnectionStatus;
};

export const initialStreamState: StreamState = {
  items: {},
  reminded: {},
  reach: {},
  viewer: null,
  buildId: null,
  firstBuildId: null,
  lastEventId: null,
  status: "connecting",
};

export type ReceivedEvent = { name: StreamEventName; id: string | null; data: unknown };

export function applyStreamEvent(state: StreamState, event: ReceivedEvent): StreamState {
  const next: StreamState = { ...state, lastEventId: event.id ?? state.lastEventId };
  switch (event.name) {
    case "announcement":
    case "maintenance": {
      const a = event.data as AnnouncementView;
      if (!a || typeof a.id !== "string") return next;
      return { ...next, items: { ...state.items, [a.id]: a } };
    }
    case "announcement-reminder": {
      const a = event.data as AnnouncementView;
      if (!a || typeof a.id !== "string") return next;
      return { ...next, items: { ...state.items, [a.id]: a }, reminded: { ...state.reminded, [a.id]: true } };
    }
    case "announcement-reach": {
      const r = event.data as ReachSummary;
      if (!r || typeof r.id !== "string") return next;
      return { ...next, reach: { ...state.reach, [r.id]: r } };
    }
    case "announcement-revoked":
    case "announcement-dismissed":
      return { ...next, items: without(state.items, (event.data as { id?: string })?.id) };
    case "version": {
      const v = event.data as { buildId?: string; viewer?: ViewerKind };
      return { ...next, buildId: v.buildId ?? null, firstBuildId: state.firstBuildId ?? v.buildId ?? null, viewer: v.viewer ?? null };
    }
    case "reset":
      // The server follows a reset with the whole current state.
      return { ...next, items: {} };
  }
}

export function without(items: Record<string, AnnouncementView>, id: string | undefined): Record<string, AnnouncementView> {
  if (!id || !(id in items)) return items;
  const copy = { ...items };
  delete copy[id];
  return copy;
}

/** A state received from another tab: adopt everything but this tab's own first build id. */
export function adoptState(mine: StreamState, theirs: StreamState): StreamState {
  return { ...theirs, firstBuildId: mine.firstBuildId ?? theirs.firstBuildId };
}
