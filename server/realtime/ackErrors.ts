// The socket.io side of errors: a DomainError's kind as the ack's error code. The one table; an
// error the contract has no code for (and anything unexpected) is answered as `internal` and logged.
import { ZodError } from "zod";
import type { AckFailure, RealtimeErrorCode } from "../../lib/realtime/events";
import { DomainError, fromZod, type DomainErrorKind } from "../domain/errors";

/** null: not part of the socket.io contract (lib/realtime/events.ts), so the client sees `internal`. */
export const ACK_CODE = {
  invalid_input: "invalid_input",
  unauthorized: "unauthorized",
  forbidden: "forbidden",
  not_found: "not_found",
  rate_limited: "rate_limited",
  conflict: null,
} as const satisfies Record<DomainErrorKind, RealtimeErrorCode | null>;

export const INTERNAL_MESSAGE = "Something went wrong on our side. Please try again.";

export function failure(code: RealtimeErrorCode, message: string): AckFailure {
  return { ok: false, error: { code, message } };
}

/** The ack for a thrown value, or null when it is not one the client may be told about (log it). */
export function ackFailureOf(error: unknown): AckFailure | null {
  const domain = error instanceof DomainError ? error : error instanceof ZodError ? fromZod(error) : null;
  const code = domain ? ACK_CODE[domain.kind] : null;
  return domain && code ? failure(code, domain.message) : null;
}

export const internalFailure = (): AckFailure => failure("internal", INTERNAL_MESSAGE);
