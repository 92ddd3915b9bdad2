// The one error type of the domain: what went wrong in the app's own words, with no transport in it.
// Each transport maps the kind once: HTTP status and body (server/http/errors.ts), socket.io ack
// (server/realtime/ackErrors.ts), collab close code (server/collab/errorClose.ts).
import type { ZodError } from "zod";

/** Closed on purpose: a new kind must be given a meaning in every transport's mapping (they are exhaustive). */
export const DOMAIN_ERROR_KINDS = ["invalid_input", "unauthorized", "forbidden", "not_found", "conflict", "rate_limited"] as const;

export type DomainErrorKind = (typeof DOMAIN_ERROR_KINDS)[number];

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Plain words for the person using the app; transports show it as is. */
    message: string,
    /** The input field at fault, when there is one (forms highlight it). */
    readonly field?: string,
    /** For rate_limited: when trying again can succeed. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what = "Document") => new DomainError("not_found", `${what} not found.`);
export const unauthorized = () => new DomainError("unauthorized", "Please sign in first.");
export const forbidden = (message = "You are not allowed to do that.") => new DomainError("forbidden", message);
export const conflict = (message: string, field?: string) => new DomainError("conflict", message, field);
export const invalidInput = (message: string, field?: string) => new DomainError("invalid_input", message, field);

/** The first zod issue as invalid input that names the field ("title: must not be empty"). */
export function fromZod(error: ZodError): DomainError {
  const issue = error.issues[0];
  const field = issue?.path.join(".") || undefined;
  const message = field ? `${field}: ${issue.message}` : (issue?.message ?? "Invalid input.");
  return invalidInput(message, field);
}
