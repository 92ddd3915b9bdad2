// Announcement shapes and stream event names shared by the server (server/events) and the browser.
// App code must not import server code, so the contract lives in lib (the HTTP shapes in lib/contracts).
import type { AnnouncementView, ReachSummary } from "../contracts/announcements";

export const SEVERITIES = ["info", "success", "warning", "critical"] as const;
export const KINDS = ["banner", "notification", "maintenance"] as const;
export const AUDIENCES = ["everyone", "users", "admins"] as const;

export type Severity = (typeof SEVERITIES)[number];
export type AnnouncementKind = (typeof KINDS)[number];
export type Audience = (typeof AUDIENCES)[number];

/** Who is reading a stream, resolved once when it connects. */
export type ViewerKind = "anonymous" | "user" | "admin";

// The views themselves are the HTTP contract's (lib/contracts/announcements.ts), typed from its schemas.
export type { AdminAnnouncement, AnnouncementReach, AnnouncementStatus, AnnouncementView, ReachSummary } from "../contracts/announcements";

/** Named events on `GET /api/events`, with their JSON data. */
export type StreamEvents = {
  announcement: AnnouncementView;
  maintenance: AnnouncementView;
  "announcement-revoked": { id: string };
  "announcement-dismissed": { id: string };
  /** An administrator's reminder to an account that has not acknowledged it: shown again, marked as a reminder. */
  "announcement-reminder": AnnouncementView;
  /** Administrators only: an announcement's reach figures changed. */
  "announcement-reach": ReachSummary;
  version: { buildId: string; viewer: ViewerKind };
  reset: { reason: string };
};
export type StreamEventName = keyof StreamEvents;
export const STREAM_EVENT_NAMES = [
  "announcement",
  "maintenance",
  "announcement-revoked",
  "announcement-dismissed",
  "announcement-reminder",
  "announcement-reach",
  "version",
  "reset",
] as const satisfies readonly StreamEventName[];
