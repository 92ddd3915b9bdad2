// HTTP contract of share links: /api/documents/:id/links (owner only) and /api/links/open (anyone
// holding a link's token; it sets the link cookie that the live channels read).
import { z } from "zod";
import { Id } from "./ids";
import { isoDateTime } from "./wire";
import { GrantableRole } from "./members";

/** "Anyone with the link can view" (viewer) or "…can edit" (editor). */
export const LinkRole = GrantableRole;

/** A link's secret as it appears in `/s/<token>`: 32 random bytes, base64url (43 characters). */
export const LinkToken = z
  .string()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, "is not a link token");

/** The longest expiry a link may have (a year): longer is as good as never, which is the default. */
export const MAX_LINK_LIFETIME_MS = 366 * 24 * 3600_000;

// ---- requests ----
export const CreateLinkBody = z.strictObject({
  role: LinkRole,
  /** Omitted or null: the link works until revoked. */
  expiresAt: isoDateTime
    .nullish()
    .refine((v) => v == null || Date.parse(v) > Date.now(), "must be in the future")
    .refine((v) => v == null || Date.parse(v) <= Date.now() + MAX_LINK_LIFETIME_MS, "must be within a year"),
});
/** Changing a link's role: lowering edit to view reconnects its users as viewers. */
export const ChangeLinkBody = z.strictObject({ role: LinkRole });
export const OpenLinkBody = z.strictObject({ token: LinkToken });

// ---- responses ----
export const ShareLink = z.strictObject({
  id: Id,
  /** Path and origin: `${origin}/s/<token>` (PUBLIC_URL's origin when set, else the request's). */
  url: z.string(),
  role: LinkRole,
  createdAt: isoDateTime,
  expiresAt: isoDateTime.nullable(),
});
export const ShareLinkListResponse = z.strictObject({ links: z.array(ShareLink) });
/** The sub-pages a link opens too (those that inherit access), in tree order, each under its parent. */
export const LinkSubpages = z.array(z.strictObject({ id: Id, title: z.string(), parentId: Id }));

/**
 * What `/s/<token>` learns on opening: the document and the role the visitor now has there. A link
 * opens the page's sub-pages too (with the link's role) unless a sub-page stops inheriting access.
 */
export const OpenedLink = z.strictObject({
  documentId: Id,
  title: z.string(),
  /** The visitor's role: the link's, or their own membership's when that is higher. */
  role: z.enum(["owner", "editor", "viewer"]),
  /** True when nobody is signed in: the page shows the guest banner. */
  guest: z.boolean(),
  pages: LinkSubpages,
});

/** What every dead link (revoked, expired, unknown, document in the trash) says: one message for all. */
export const DEAD_LINK_MESSAGE = "This link no longer works — ask the owner for a new one.";

/**
 * Set by the server on a GET /s/<token> it hands to the pages (never taken from the browser): "dead"
 * when the token opens nothing, so the page answers 404.
 */
export const LINK_LANDING_HEADER = "x-tandem-link-landing";

export type LinkRole = z.infer<typeof LinkRole>;
export type ShareLink = z.infer<typeof ShareLink>;
export type ShareLinkListResponse = z.infer<typeof ShareLinkListResponse>;
export type OpenedLink = z.infer<typeof OpenedLink>;
export type CreateLinkInput = z.input<typeof CreateLinkBody>;
export type ChangeLinkInput = z.input<typeof ChangeLinkBody>;
