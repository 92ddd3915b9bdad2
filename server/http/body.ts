// Reads a JSON request body with a size limit; never trusts the client's Content-Length alone.
import type { IncomingMessage } from "node:http";
import { MIMEType } from "node:util";
import { ApiError } from "./errors";
import { BROKEN_TEXT_MESSAGE, isWellFormedText } from "../../lib/userText";

export const MAX_JSON_BODY_BYTES = 64 * 1024;

const WRONG_TYPE = "Send the body as JSON (Content-Type: application/json).";

/**
 * Only the media type application/json, parsed properly: a substring test accepted CORS-simple types
 * such as `text/plain; charset=application/json`, which another site's form or fetch can send without
 * a preflight.
 */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  try {
    return new MIMEType(header).essence === "application/json";
  } catch {
    return false; // not a media type at all
  }
}

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
  if (!isJsonContentType(req.headers["content-type"])) throw new ApiError("unsupported_media_type", WRONG_TYPE);
  let unpaired: string | undefined;
  let parsed: unknown;
  try {
    // A "\ud800" escape is valid JSON but not storable text: refuse it in any field, known or not,
    // so no schema that forgot it can pass one on to the database.
    parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"), (key, value) => {
      if (unpaired === undefined && (!isWellFormedText(key) || (typeof value === "string" && !isWellFormedText(value)))) unpaired = key;
      return value;
    });
  } catch {
    throw new ApiError("invalid_input", "The request body is not valid JSON.");
  }
  if (unpaired !== undefined) {
    // Named when the key itself is printable (an array item's key is its index: no name to give).
    const field = unpaired && isWellFormedText(unpaired) && !/^\d+$/.test(unpaired) ? unpaired : undefined;
    throw new ApiError("invalid_input", `${field ?? "The request body"}: ${BROKEN_TEXT_MESSAGE}.`, field);
  }
  return parsed;
}
