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
import { imageUrl, NOT_AN_IMAGE, type ImageType, type UploadImageResponse } from "../../lib/contracts/images";
import { DomainError, notFound } from "./errors";
import { sniffImageType } from "./imageType";
import { megabytes } from "../../lib/megabytes";

/** Uploads one account may make: generous for pasting a batch of screenshots, a wall for a script. */
export const UPLOAD_LIMIT = { points: 60, durationSeconds: 10 * 60 } as const;

export type StoredImage = { mime: ImageType; size: number; sha256: string; bytes: Uint8Array };

/** An image's bytes judged by the one rule uploads and imports share: its kind, or why it is refused. */
export type ImageVerdict = { ok: true; mime: ImageType } | { ok: false; reason: "empty" | "too_large" | "not_an_image"; message: string };

export class Images {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    private readonly db: Db,
    private readonly documents: Documents,
    /** IMAGE_MAX_BYTES: the largest image a document takes, uploaded or imported. */
    readonly maxBytes: number,
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

  /** The plain words for an image over IMAGE_MAX_BYTES. */
  get tooLargeMessage(): string {
    return `That image is larger than ${megabytes(this.maxBytes)}. Make it smaller and try again.`;
  }

  /**
   * Before the body is read: the caller may add images to the document (404 when they may not see
   * it, 403 for a viewer) and has uploads left. Counts one upload.
   */
  async admitUpload(user: AuthUser, documentId: string): Promise<void> {
    await this.documents.requireRole(user, documentId, ["owner", "editor"]);
    await this.takeAllowance(user, 1);
  }

  /**
   * Counts `count` images against the account's allowance, all or none: an import whose pictures would
   * pass the limit is refused whole (and counts nothing), so it can never store more than uploads could.
   */
  async takeAllowance(user: AuthUser, count: number): Promise<void> {
    if (count <= 0) return;
    try {
      await this.limiter.consume(user.id, count);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      // A refused consume still counted its points: give them back, so the refusal costs nothing.
      await this.limiter.reward(user.id, count).catch(() => {});
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      const minutes = Math.ceil(seconds / 60);
      const wait = `Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
      const left = Math.max(0, UPLOAD_LIMIT.points - (error.consumedPoints - count));
      const message =
        count === 1
          ? `You have added a lot of images in a short time. ${wait}`
          : `This file has ${count} pictures, and you can add ${left} more image${left === 1 ? "" : "s"} right now (at most ${UPLOAD_LIMIT.points} every ${UPLOAD_LIMIT.durationSeconds / 60} minutes). Nothing was imported. ${wait}`;
      throw new DomainError("rate_limited", message, undefined, seconds);
    }
  }

  /** The one check of an image's bytes, for uploads and imported pictures alike: read from the bytes, never the name. */
  judge(bytes: Uint8Array): ImageVerdict {
    if (bytes.length === 0) return { ok: false, reason: "empty", message: "The image is empty. Choose the file again." };
    if (bytes.length > this.maxBytes) return { ok: false, reason: "too_large", message: this.tooLargeMessage };
    const mime = sniffImageType(bytes);
    return mime ? { ok: true, mime } : { ok: false, reason: "not_an_image", message: NOT_AN_IMAGE };
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
