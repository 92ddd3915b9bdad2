// The admin page's calls to /api/admin/announcements, with the API's error shape turned into ApiError.
import { request } from "@/lib/api";
import type { AdminAnnouncement, AdminAnnouncementListResponse, AnnouncementInput } from "@/lib/contracts/announcements";

export type { AnnouncementInput };

const base = "/api/admin/announcements";
const enc = encodeURIComponent;

export const announcementsApi = {
  list: () => request<AdminAnnouncementListResponse>("GET", base).then((r) => r.announcements),
  create: (input: AnnouncementInput) => request<AdminAnnouncement>("POST", base, input),
  update: (id: string, input: Partial<AnnouncementInput>) => request<AdminAnnouncement>("PATCH", `${base}/${enc(id)}`, input),
  revoke: (id: string) => request<AdminAnnouncement>("DELETE", `${base}/${enc(id)}`),
};
