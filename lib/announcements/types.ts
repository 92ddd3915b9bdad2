// Announcement shapes and stream event names shared by the server (server/events) and the browser.
// Plain types only: app code must not import server code, so the contract lives here.

export const SEVERITIES = ["info", "success", "warning", "critical"] as const;
export const KINDS = ["banner", "notification", "maintenance"] as const;
export const AUDIENCES = ["everyone", "users", "admins"] as const;

export type Severity = (typeof SEVERITIES)[number];
export type AnnouncementKind = (typeof KINDS)[number];
export type Audience = (typeof AUDIENCES)[number];
export type AnnouncementStatus = "scheduled" | "active" | "ended" | "revoked";

/** Who is reading a stream, resolved once when it connects. */
export type ViewerKind = "anonymous" | "user" | "admin";

/** What a viewer is sent: everything needed to render, nothing about who wrote it. */
export type AnnouncementView = {
  id: string;
  title: string;
  body: string;
  severity: Severity;
  kind: AnnouncementKind;
  audience: Audience;
  targetPath: string | null;
  startsAt: string;
  endsAt: string | null;
  dismissible: boolean;
  updatedAt: string;
};

/** What the admin list shows on top of the view. */
export type AdminAnnouncement = AnnouncementView & {
  status: AnnouncementStatus;
  revokedAt: string | null;
  createdAt: string;
  createdById: string;
};

/** Named events on `GET /api/events`, with their JSON data. */
export type StreamEvents = {
  announcement: AnnouncementView;
  maintenance: AnnouncementView;
  "announcement-revoked": { id: string };
  "announcement-dismissed": { id: string };
  version: { buildId: string; viewer: ViewerKind };
  reset: { reason: string };
};
export type StreamEventName = keyof StreamEvents;
export const STREAM_EVENT_NAMES = [
  "announcement",
  "maintenance",
  "announcement-revoked",
  "announcement-dismissed",
  "version",
  "reset",
] as const satisfies readonly StreamEventName[];
