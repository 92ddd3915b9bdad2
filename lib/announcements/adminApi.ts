// The admin page's calls to /api/admin/announcements, with the API's error shape turned into ApiError.
import { ApiError, type ApiErrorCode } from "@/lib/api";
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

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      cache: "no-store",
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "Tandem could not be reached. Check your connection and try again.");
  }
  const payload = (await res.json().catch(() => undefined)) as { error?: { code: ApiErrorCode; message: string; field?: string } } | undefined;
  if (!res.ok) {
    const e = payload?.error;
    throw new ApiError(res.status, e?.code ?? "internal", e?.message ?? `Something went wrong (HTTP ${res.status}).`, e?.field);
  }
  return payload as T;
}

const base = "/api/admin/announcements";
const enc = encodeURIComponent;

export const announcementsApi = {
  list: () => call<{ announcements: AdminAnnouncement[] }>("GET", base).then((r) => r.announcements),
  create: (input: AnnouncementInput) => call<AdminAnnouncement>("POST", base, input),
  update: (id: string, input: Partial<AnnouncementInput>) => call<AdminAnnouncement>("PATCH", `${base}/${enc(id)}`, input),
  revoke: (id: string) => call<AdminAnnouncement>("DELETE", `${base}/${enc(id)}`),
};
