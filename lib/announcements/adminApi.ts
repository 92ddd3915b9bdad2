// The admin page's calls to /api/admin/announcements, with the API's error shape turned into ApiError.
import { request } from "@/lib/api";
import type { AdminAnnouncement, AdminAnnouncementListResponse, AnnouncementInput, AnnouncementReach, RemindResponse } from "@/lib/contracts/announcements";

export type { AnnouncementInput };

const base = "/api/admin/announcements";
const enc = encodeURIComponent;

export const announcementsApi = {
  list: () => request<AdminAnnouncementListResponse>("GET", base).then((r) => r.announcements),
  create: (input: AnnouncementInput) => request<AdminAnnouncement>("POST", base, input),
  update: (id: string, input: Partial<AnnouncementInput> & { showAgain?: boolean }) => request<AdminAnnouncement>("PATCH", `${base}/${enc(id)}`, input),
  reach: (id: string) => request<AnnouncementReach>("GET", `${base}/${enc(id)}/reach`),
  /** Where the browser downloads the "not acknowledged yet" list. */
  reachCsvUrl: (id: string) => `${base}/${enc(id)}/reach.csv`,
  remind: (id: string) => request<RemindResponse>("POST", `${base}/${enc(id)}/remind`),
  revoke: (id: string) => request<AdminAnnouncement>("DELETE", `${base}/${enc(id)}`),
};
