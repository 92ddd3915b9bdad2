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
  /** Signed-in readers must press "I have read this"; it stays (on every device) until they do. */
  requiresAck: z.boolean(),
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
  requiresAck: fields.requiresAck.default(false),
});

/**
 * `showAgain`: the text changed in substance, so show it again to those who dismissed or
 * acknowledged the older text (a new content version). Without it a typo fix stays dismissed.
 */
export const UpdateAnnouncementBody = z
  .strictObject({ ...fields, showAgain: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).some((k) => k !== "showAgain"), "send at least one field to change");

/** POST /api/announcements/seen: the announcements this browser rendered in a visible tab, batched. */
export const SeenAnnouncementsBody = z.strictObject({ ids: z.array(Id).min(1).max(50) });

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
  requiresAck: z.boolean(),
  /** Goes up when an edit asks to show it again; a dismissal of an older version no longer hides it. */
  contentVersion: z.number().int().positive(),
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
/** GET /api/admin/announcements/:id/reach: exact per account, except `delivered` (open streams). */
export const ReachPerson = z.strictObject({ id: Id, name: z.string(), email: z.string() });
export const AnnouncementReach = z.strictObject({
  delivered: z.number().int().nonnegative(),
  seen: z.number().int().nonnegative(),
  dismissed: z.number().int().nonnegative(),
  acknowledged: z.number().int().nonnegative(),
  /** Accounts in the audience that have not acknowledged (empty unless it requires acknowledgement). */
  pending: z.array(ReachPerson),
});
/** The live form pushed to administrators' streams (`announcement-reach`): counts only. */
export const ReachSummary = AnnouncementReach.omit({ pending: true }).extend({ id: Id, pendingCount: z.number().int().nonnegative() });
const Count = z.number().int().nonnegative();
/**
 * POST /api/admin/announcements/:id/remind. Of the `pending` accounts (not confirmed), `inApp` had
 * Tandem open and were shown it again; the `away` rest are emailed (`emailed`) unless they were
 * emailed about it within the cooldown (`skippedRecentlyReminded`), turned reminder emails off, or
 * email is not set up (`emailEnabled` false).
 */
export const RemindResponse = z.strictObject({
  pending: Count,
  inApp: Count,
  away: Count,
  emailed: Count,
  skippedRecentlyReminded: Count,
  emailEnabled: z.boolean(),
});
/** GET /api/announcements. */
export const AnnouncementListResponse = z.strictObject({ announcements: z.array(AnnouncementView) });

export type CreateAnnouncementInput = z.infer<typeof CreateAnnouncementBody>;
export type UpdateAnnouncementInput = z.infer<typeof UpdateAnnouncementBody>;
/** What the admin form sends: every field (the server's defaults are for scripts). */
export type AnnouncementInput = Required<Omit<z.input<typeof UpdateAnnouncementBody>, "showAgain">>;
export type AnnouncementReach = z.infer<typeof AnnouncementReach>;
export type ReachSummary = z.infer<typeof ReachSummary>;
export type RemindResponse = z.infer<typeof RemindResponse>;
export type AnnouncementStatus = (typeof ANNOUNCEMENT_STATUSES)[number];
export type AnnouncementView = z.infer<typeof AnnouncementView>;
export type AdminAnnouncement = z.infer<typeof AdminAnnouncement>;
export type AdminAnnouncementListResponse = z.infer<typeof AdminAnnouncementListResponse>;
export type AnnouncementListResponse = z.infer<typeof AnnouncementListResponse>;
