// Between the form's fields (local date-time inputs, empty strings) and the API's JSON.
import type { AnnouncementInput } from "@/lib/announcements/adminApi";
import type { AdminAnnouncement, AnnouncementKind, Audience, Severity } from "@/lib/announcements/types";

export type FormValues = {
  title: string;
  body: string;
  severity: Severity;
  kind: AnnouncementKind;
  audience: Audience;
  targetPath: string;
  startsAt: string; // datetime-local value, "" = now
  endsAt: string; // "" = no end
  dismissible: boolean;
  requiresAck: boolean;
};

export const emptyForm: FormValues = {
  title: "",
  body: "",
  severity: "info",
  kind: "banner",
  audience: "everyone",
  targetPath: "",
  startsAt: "",
  endsAt: "",
  dismissible: true,
  requiresAck: false,
};

/** "2026-05-01T14:30" in the browser's time zone, as <input type="datetime-local"> wants it. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const fromLocalInput = (value: string): string | null => (value ? new Date(value).toISOString() : null);

export function fromAnnouncement(a: AdminAnnouncement): FormValues {
  return {
    title: a.title,
    body: a.body,
    severity: a.severity,
    kind: a.kind,
    audience: a.audience,
    targetPath: a.targetPath ?? "",
    startsAt: toLocalInput(a.startsAt),
    endsAt: toLocalInput(a.endsAt),
    dismissible: a.dismissible,
    requiresAck: a.requiresAck,
  };
}

export function toInput(v: FormValues): AnnouncementInput {
  return {
    title: v.title,
    body: v.body,
    severity: v.severity,
    kind: v.kind,
    audience: v.audience,
    targetPath: v.targetPath.trim() || null,
    startsAt: fromLocalInput(v.startsAt),
    endsAt: fromLocalInput(v.endsAt),
    dismissible: v.dismissible,
    requiresAck: v.requiresAck,
  };
}
