// The HTTP side of errors: one JSON shape `{error: {code, message, field?}}` and one status per code.
// The domain throws DomainError (server/domain/errors.ts); ApiError adds the conditions only HTTP has
// (a body too large, a wrong media type, a failure of our own), and `ApiError.from` is the one place a
// thrown value becomes an answer.
import { DomainError, type DomainErrorKind } from "../domain/errors";

/** HTTP-only codes, beside the domain's kinds. */
type TransportCode = "payload_too_large" | "unsupported_media_type" | "internal" | "unavailable";

export type ErrorCode = DomainErrorKind | TransportCode;

/** The one status table. `satisfies` makes it exhaustive: a new domain kind fails to compile here. */
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
} as const satisfies Record<ErrorCode, number>;

export class ApiError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly field?: string,
    public readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** The answer for a thrown value; undefined for anything unexpected (answered as a bare 500, and logged). */
  static from(error: unknown): ApiError | undefined {
    if (error instanceof ApiError) return error;
    if (error instanceof DomainError) return new ApiError(error.kind, error.message, error.field, error.retryAfterSeconds);
    return undefined;
  }

  get status(): number {
    return ErrorStatus[this.code];
  }
  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}

/** What every unexpected failure answers: no stack trace, no detail. */
export const INTERNAL_ERROR = new ApiError("internal", "Something went wrong on our side. Please try again.");
