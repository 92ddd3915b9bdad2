// Reads a JSON request body with a size limit; never trusts the client's Content-Length alone.
import type { IncomingMessage } from "node:http";
import { ApiError } from "./errors";

export const MAX_JSON_BODY_BYTES = 64 * 1024;

export async function readJsonBody(req: IncomingMessage, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) throw new ApiError("payload_too_large", `The request body is larger than ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ApiError("payload_too_large", `The request body is larger than ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  const type = req.headers["content-type"] ?? "";
  if (!type.includes("application/json")) {
    throw new ApiError("unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new ApiError("invalid_input", "The request body is not valid JSON.");
  }
}
