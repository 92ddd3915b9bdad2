// Reads a request body as bytes, up to a limit, counting what really arrives (a Content-Length is
// only a claim). For uploads that are not JSON (images).
import type { IncomingMessage } from "node:http";
import { MIMEType } from "node:util";
import { ApiError } from "./errors";

/** The media type's essence ("image/png"), or null when the header is absent or not a media type. */
export function mediaType(header: string | undefined): string | null {
  if (!header) return null;
  try {
    return new MIMEType(header).essence;
  } catch {
    return null;
  }
}

export async function readRawBody(req: IncomingMessage, limit: number, tooLarge: string): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) throw new ApiError("payload_too_large", tooLarge);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ApiError("payload_too_large", tooLarge);
    chunks.push(chunk as Buffer);
  }
  const body = new Uint8Array(size); // its own ArrayBuffer (Prisma wants one, not a pool slice)
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
}
