// Images placed in documents. Editors upload them; anyone who may see the document may read them, and
// nobody else learns they exist (404). The bytes are stored in the database with the document, so
// every instance serves them and they go when the document is purged (cascade). A row never changes
// once written, so its URL can be cached for good. Transport-free: errors are DomainError.
import crypto from "node:crypto";
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, RLWrapperTimeouts, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Db } from "../db/client";
import type { AuthUser } from "../auth/auth";
import type { Documents } from "./documents";
import { imageUrl, type ImageType, type UploadImageResponse } from "../../lib/contracts/images";
import { DomainError, notFound } from "./errors";

/** Uploads one account may make: generous for pasting a batch of screenshots, a wall for a script. */
export const UPLOAD_LIMIT = { points: 60, durationSeconds: 10 * 60 } as const;

export type StoredImage = { mime: ImageType; size: number; sha256: string; bytes: Uint8Array };

export class Images {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    private readonly db: Db,
    private readonly documents: Documents,
    redis?: { client: Redis; prefix: string },
  ) {
    // The sign-in throttle's pattern (server/auth/throttle.ts): shared in Redis when there is one,
    // counted in this process while Redis does not answer.
    const memory = new RateLimiterMemory({ keyPrefix: "image-upload", points: UPLOAD_LIMIT.points, duration: UPLOAD_LIMIT.durationSeconds });
    this.limiter = redis
      ? new RLWrapperTimeouts({
          limiter: new RateLimiterRedis({
            storeClient: redis.client,
            keyPrefix: `${redis.prefix}image-upload`,
            points: UPLOAD_LIMIT.points,
            duration: UPLOAD_LIMIT.durationSeconds,
            rejectIfRedisNotReady: true,
            insuranceLimiter: memory,
          }),
          timeoutMs: 2000,
          insuranceLimiter: memory,
        })
      : memory;
  }

  /**
   * Before the body is read: the caller may add images to the document (404 when they may not see
   * it, 403 for a viewer) and has uploads left. Counts one upload.
   */
  async admitUpload(user: AuthUser, documentId: string): Promise<void> {
    await this.documents.requireRole(user, documentId, ["owner", "editor"]);
    try {
      await this.limiter.consume(user.id);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      const minutes = Math.ceil(seconds / 60);
      throw new DomainError(
        "rate_limited",
        `You have added a lot of images in a short time. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
        undefined,
        seconds,
      );
    }
  }

  /** Stores an image whose type was read from its bytes; the same image twice in one document is stored once. */
  async store(user: AuthUser, documentId: string, bytes: Uint8Array<ArrayBuffer>, mime: ImageType): Promise<UploadImageResponse> {
    await this.documents.requireRole(user, documentId, ["owner", "editor"]);
    const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
    const existing = await this.db.documentImage.findUnique({ where: { documentId_sha256: { documentId, sha256 } }, select: { id: true } });
    if (existing) return { id: existing.id, url: imageUrl(existing.id) };
    const id = crypto.randomUUID();
    try {
      await this.db.documentImage.create({ data: { id, documentId, uploaderId: user.id, mime, size: bytes.length, sha256, bytes } });
    } catch (error) {
      // Two uploads of the same image at once: the other one's row is the answer.
      const raced = await this.db.documentImage.findUnique({ where: { documentId_sha256: { documentId, sha256 } }, select: { id: true } });
      if (!raced) throw error;
      return { id: raced.id, url: imageUrl(raced.id) };
    }
    return { id, url: imageUrl(id) };
  }

  /** The image with the document it belongs to, before anyone is checked (the route checks); 404 when none. */
  async withDocument(imageId: string): Promise<StoredImage & { documentId: string }> {
    const row = await this.db.documentImage.findUnique({ where: { id: imageId } });
    if (!row) throw notFound("Image");
    return { ...storedImage(row), documentId: row.documentId };
  }

  /** Members of a document not in the trash may see its images; anyone else is told there is no such image. */
  async checkMember(user: AuthUser, documentId: string): Promise<void> {
    if (!(await this.documents.roleOf(user.id, documentId))) throw notFound("Image");
  }
}

function storedImage(row: { mime: string; size: number; sha256: string; bytes: Uint8Array }): StoredImage {
  return { mime: row.mime as ImageType, size: row.size, sha256: row.sha256, bytes: row.bytes };
}
