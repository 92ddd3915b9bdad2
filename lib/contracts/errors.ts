// The error body every HTTP API failure answers with: `{error: {code, message, field?}}`.
import { z } from "zod";
// Sets zod's browser mode (no eval probe, forbidden by our CSP) before any schema here parses:
// the client parses error bodies with these on pages that may load no other schema.
import "../userText";

/** The codes the server sends (server/http/errors.ts's ErrorStatus keys). */
export const API_ERROR_CODES = [
  "invalid_input",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "internal",
  "unavailable",
] as const;

export const ApiErrorBody = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string().min(1),
    /** The input field the error is about, when the server named one (e.g. "email"). */
    field: z.string().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
