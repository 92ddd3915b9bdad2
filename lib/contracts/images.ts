// HTTP contract of document images: POST /api/documents/:id/images (the raw image as the body) and
// GET /api/images/:id. Also the one rule for which `src` an image in a document may have: only an
// image this server stores, so hostile pasted HTML cannot make readers load a tracking pixel.
import { z } from "zod";
import { Id } from "./ids";

/** The only kinds of image accepted, told apart by their first bytes (never SVG: it can carry script). */
export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** The file picker's `accept`: the same four kinds. */
export const IMAGE_ACCEPT = IMAGE_TYPES.join(",");

/** The Content-Types an upload may declare; the bytes decide the stored type either way. */
export const UPLOAD_CONTENT_TYPES: readonly string[] = [...IMAGE_TYPES, "application/octet-stream"];

/** Why a file is refused as an image, in the words the server and the editor both use. */
export const NOT_AN_IMAGE = "That file is not a PNG, JPEG, GIF or WebP image. Save it as one of those and try again.";

export const IMAGE_PATH_PREFIX = "/api/images/";

/** Where a stored image is served. */
export const imageUrl = (id: string) => `${IMAGE_PATH_PREFIX}${id}`;

/** POST /api/documents/:id/images → 201. */
export const UploadImageResponse = z.strictObject({ id: Id, url: z.string().startsWith(IMAGE_PATH_PREFIX) });
export type UploadImageResponse = z.infer<typeof UploadImageResponse>;

const STORED_PATH = /^\/api\/images\/[A-Za-z0-9_-]{1,64}$/;

/**
 * The `src` an image node may keep: a path to an image this server stores, or null. An absolute URL
 * is accepted only for this page's own origin (HTML copied from another Tandem tab) and made relative.
 * Anything else (another site, data:, blob:, javascript:) is refused.
 */
export function storedImageSrc(src: unknown, origin?: string): string | null {
  if (typeof src !== "string") return null;
  const value = src.trim();
  if (STORED_PATH.test(value)) return value;
  if (!origin) return null;
  try {
    const url = new URL(value);
    return url.origin === origin && STORED_PATH.test(url.pathname) && !url.search && !url.hash ? url.pathname : null;
  } catch {
    return null;
  }
}
