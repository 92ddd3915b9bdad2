// zod schemas for the announcement API's bodies.
import { z } from "zod";
import { userText } from "../../lib/userText";
import { AUDIENCES, KINDS, SEVERITIES } from "../../lib/announcements/types";
import { TARGET_PATH_RE } from "../../lib/announcements/targetPath";

const dateTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date and time" });

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
  startsAt: dateTime.nullable(),
  endsAt: dateTime.nullable(),
  dismissible: z.boolean(),
};

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

export type CreateAnnouncementInput = z.infer<typeof CreateAnnouncementBody>;
export type UpdateAnnouncementInput = z.infer<typeof UpdateAnnouncementBody>;
