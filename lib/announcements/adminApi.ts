// The admin page's calls to /api/admin/announcements, with the API's error shape turned into ApiError.
import { request } from "@/lib/api";
import type { AdminAnnouncement, AnnouncementKind, Audience, Severity } from "./types";

export type AnnouncementInput = {
  title: string;
  body: string;
  severity: Severity;
  kind: AnnouncementKind;
  audience: Audience;
  targetPath: string | null;
  startsAt: string | null;
  endsAt: string | null;
  dismissible: boolean;
};

const base = "/api/admin/announcements";
const enc = encodeURIComponent;

export const announcementsApi = {
  list: () => request<{ announcements: AdminAnnouncement[] }>("GET", base).then((r) => r.announcements),
  create: (input: AnnouncementInput) => request<AdminAnnouncement>("POST", base, input),
  update: (id: string, input: Partial<AnnouncementInput>) => request<AdminAnnouncement>("PATCH", `${base}/${enc(id)}`, input),
  revoke: (id: string) => request<AdminAnnouncement>("DELETE", `${base}/${enc(id)}`),
};
