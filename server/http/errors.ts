// API errors: one class, one JSON shape `{error: {code, message, field?}}`, one status per code.
import type { ZodError } from "zod";

export const ErrorStatus = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ErrorStatus;

export class ApiError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly field?: string,
    public readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
  get status(): number {
    return ErrorStatus[this.code];
  }
  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}

export const notFound = (what = "Document") => new ApiError("not_found", `${what} not found.`);
export const unauthorized = () => new ApiError("unauthorized", "Please sign in first.");
export const forbidden = (message = "You are not allowed to do that.") => new ApiError("forbidden", message);

/** Turns the first zod issue into a 400 that names the field. */
export function fromZod(error: ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue?.path.join(".") || undefined;
  const message = field ? `${field}: ${issue.message}` : (issue?.message ?? "Invalid input.");
  return new ApiError("invalid_input", message, field);
}
