// Document images: POST /api/documents/:id/images takes the image itself as the body (no multipart:
// one file per request, which is what the editor sends), GET /api/images/:id serves it to those who
// may see its document. The type is read from the bytes; the declared one must merely be plausible.
import type { RouteContext, Router } from "../http/router";
import type { Services } from "../services";
import { ApiError } from "../http/errors";
import { mediaType, readRawBody } from "../http/rawBody";
import { requireUser, idParam } from "./context";
import { sniffImageType } from "../domain/imageType";
import { Images, type StoredImage } from "../domain/images";
import { documentThroughLink } from "./shareLinkRoutes";
import { UPLOAD_CONTENT_TYPES, type UploadImageResponse } from "../../lib/contracts/images";

const NOT_AN_IMAGE = "That file is not a PNG, JPEG, GIF or WebP image. Save it as one of those and try again.";

export function registerImageRoutes(router: Router, services: Services): void {
  const { config } = services;
  // Only these routes use images, so they hold the domain object (sharing the sign-in limiter's Redis).
  const images = new Images(services.db, services.documents, services.redis && { client: services.redis.pub, prefix: services.redis.prefix });
  const megabytes = Math.round((config.imageMaxBytes / (1024 * 1024)) * 10) / 10;
  const tooLarge = `That image is larger than ${megabytes} MB. Make it smaller and try again.`;

  router.on("POST", "/api/documents/:id/images", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:write");
    const documentId = idParam(ctx, "id");
    // Who may upload is settled before a byte of the body is read.
    await images.admitUpload(user, documentId);
    const declared = mediaType(ctx.req.headers["content-type"]);
    if (!declared || !UPLOAD_CONTENT_TYPES.includes(declared)) throw new ApiError("unsupported_media_type", NOT_AN_IMAGE);
    const bytes = await readRawBody(ctx.req, config.imageMaxBytes, tooLarge);
    if (bytes.length === 0) throw new ApiError("invalid_input", "The image is empty. Choose the file again.");
    const type = sniffImageType(bytes);
    if (!type) throw new ApiError("unsupported_media_type", NOT_AN_IMAGE);
    return { status: 201, body: (await images.store(user, documentId, bytes, type)) satisfies UploadImageResponse };
  });

  /** A member reads it with their session or token; a guest in through a share link with that link's cookie. */
  async function readableImage(ctx: RouteContext, imageId: string): Promise<StoredImage> {
    const image = await images.withDocument(imageId);
    if (await documentThroughLink(services, ctx, image.documentId)) return image;
    await images.checkMember(await requireUser(services, ctx, "documents:read"), image.documentId);
    return image;
  }

  router.on("GET", "/api/images/:id", async (ctx) => {
    const image = await readableImage(ctx, idParam(ctx, "id"));
    const etag = `"${image.sha256}"`;
    const headers = {
      // Private: only this person may see it; immutable: a stored image never changes under its id.
      "Cache-Control": "private, max-age=31536000, immutable",
      ETag: etag,
      // Another site may not embed it (the base headers already forbid sniffing and framing).
      "Cross-Origin-Resource-Policy": "same-origin",
    };
    if (ctx.req.headers["if-none-match"] === etag) {
      ctx.res.writeHead(304, headers);
      return void ctx.res.end();
    }
    ctx.res.writeHead(200, { ...headers, "Content-Type": image.mime, "Content-Length": String(image.size) });
    ctx.res.end(image.bytes);
  });
}
