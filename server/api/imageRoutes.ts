// Document images: POST /api/documents/:id/images takes the image itself as the body (no multipart:
// one file per request, which is what the editor sends), GET /api/images/:id serves it to those who
// may see its document. The type is read from the bytes; the declared one must merely be plausible.
import type { RouteContext, Router } from "../http/router";
import type { Services } from "../services";
import { ApiError } from "../http/errors";
import { mediaType, readRawBody } from "../http/rawBody";
import { requireUser, idParam } from "./context";
import type { ImageVerdict, StoredImage } from "../domain/images";
import { documentThroughLink } from "./shareLinkRoutes";
import { NOT_AN_IMAGE, UPLOAD_CONTENT_TYPES, type UploadImageResponse } from "../../lib/contracts/images";

/** A refused upload as its HTTP answer. */
function refusal(verdict: Extract<ImageVerdict, { ok: false }>): ApiError {
  switch (verdict.reason) {
    case "empty":
      return new ApiError("invalid_input", verdict.message);
    case "too_large":
      return new ApiError("payload_too_large", verdict.message);
    case "not_an_image":
      return new ApiError("unsupported_media_type", verdict.message);
    default: {
      const never: never = verdict.reason;
      throw new Error(`unknown refusal ${String(never)}`);
    }
  }
}

export function registerImageRoutes(router: Router, services: Services): void {
  // One Images for uploads and imports (server/exchange/exchange.ts): one allowance per account.
  const { images } = services;

  router.on("POST", "/api/documents/:id/images", async (ctx) => {
    const user = await requireUser(services, ctx, "documents:write");
    const documentId = idParam(ctx, "id");
    // Who may upload is settled before a byte of the body is read.
    await images.admitUpload(user, documentId);
    const declared = mediaType(ctx.req.headers["content-type"]);
    if (!declared || !UPLOAD_CONTENT_TYPES.includes(declared)) throw new ApiError("unsupported_media_type", NOT_AN_IMAGE);
    const bytes = await readRawBody(ctx.req, images.maxBytes, images.tooLargeMessage);
    const verdict = images.judge(bytes);
    if (!verdict.ok) throw refusal(verdict);
    return { status: 201, body: (await images.store(user, documentId, bytes, verdict.mime)) satisfies UploadImageResponse };
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
