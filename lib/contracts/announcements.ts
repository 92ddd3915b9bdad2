// HTTP contract of the announcement API: /api/admin/announcements[/:id] (administrators, with a
// session), /api/announcements (what the caller sees now) and /api/announcements/:id/dismiss.
// The stream (/api/events) sends the same views; its event names are in lib/announcements/types.ts.
import { z } from "zod";
import { userText } from "../userText";
import { AUDIENCES, KINDS, SEVERITIES } from "../announcements/types";
import { TARGET_PATH_RE } from "../announcements/targetPath";
import { Id } from "./ids";
import { isoDateTime } from "./wire";

export const ANNOUNCEMENT_STATUSES = ["scheduled", "active", "ended", "revoked"] as const;

const fields = {
  title: userText().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
  body: userText().max(20_000, "must be at most 20000 characters"),
  severity: z.enum(SEVERITIES),
  kind: z.enum(KINDS),
  audience: z.enum(AUDIENCES),
  targetPath: userText()
    .trim()
    .max(200, "must be at most 200 characters")
    .regex(TARGET_PATH_RE, 'must be a path such as "/documents/*"')
    .nullable()
    .transform((v) => (v === "" ? null : v)),
  startsAt: isoDateTime.nullable(),
  endsAt: isoDateTime.nullable(),
  dismissible: z.boolean(),
};

// ---- requests ----
/** Missing optional fields take the defaults: a dismissible info banner for everyone, from now, with no end. */
export const CreateAnnouncementBody = z.strictObject({
  title: fields.title,
  body: fields.body.default(""),
  severity: fields.severity.default("info"),
  kind: fields.kind.default("banner"),
  audience: fields.audience.default("everyone"),
  targetPath: fields.targetPath.optional(),
  startsAt: fields.startsAt.optional(),
  endsAt: fields.endsAt.optional(),
  dismissible: fields.dismissible.default(true),
});

export const UpdateAnnouncementBody = z
  .strictObject(fields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, "send at least one field to change");

// ---- responses ----
/** What a viewer is sent: everything needed to render, nothing about who wrote it. */
export const AnnouncementView = z.strictObject({
  id: Id,
  title: z.string(),
  body: z.string(),
  severity: z.enum(SEVERITIES),
  kind: z.enum(KINDS),
  audience: z.enum(AUDIENCES),
  targetPath: z.string().nullable(),
  startsAt: isoDateTime,
  endsAt: isoDateTime.nullable(),
  dismissible: z.boolean(),
  updatedAt: isoDateTime,
});
/** What the admin list shows on top of the view. POST (201), PATCH and DELETE answer one. */
export const AdminAnnouncement = AnnouncementView.extend({
  status: z.enum(ANNOUNCEMENT_STATUSES),
  revokedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  createdById: Id,
});
/** GET /api/admin/announcements. */
export const AdminAnnouncementListResponse = z.strictObject({ announcements: z.array(AdminAnnouncement) });
/** GET /api/announcements. */
export const AnnouncementListResponse = z.strictObject({ announcements: z.array(AnnouncementView) });

export type CreateAnnouncementInput = z.infer<typeof CreateAnnouncementBody>;
export type UpdateAnnouncementInput = z.infer<typeof UpdateAnnouncementBody>;
/** What the admin form sends: every field (the server's defaults are for scripts). */
export type AnnouncementInput = Required<z.input<typeof UpdateAnnouncementBody>>;
export type AnnouncementStatus = (typeof ANNOUNCEMENT_STATUSES)[number];
export type AnnouncementView = z.infer<typeof AnnouncementView>;
export type AdminAnnouncement = z.infer<typeof AdminAnnouncement>;
export type AdminAnnouncementListResponse = z.infer<typeof AdminAnnouncementListResponse>;
export type AnnouncementListResponse = z.infer<typeof AnnouncementListResponse>;
