// One wrapper for every client→server event: validate the payload with its zod schema, run the
// handler, and answer the acknowledgement with `{ok: true, ...}` or `{ok: false, error: {code, message}}`.
// Nothing a client sends can crash the process or see a stack trace.
import { ClientEventSchemas, type AckFailure, type ClientEventName, type ClientEventResults, type ParsedClientPayload } from "../../lib/realtime/events";
import type { Logger } from "../log";
import { ackFailureOf, internalFailure } from "./ackErrors";
import type { TandemSocket } from "./types";

type AckFn = (result: unknown) => void;

/** The ack for a failed event: the domain's error as its ack code (ackErrors.ts), anything else logged. */
export function toFailure(error: unknown, log: Logger, event: string): AckFailure {
  const known = ackFailureOf(error);
  if (known) return known;
  log.error({ err: error, event }, "socket event failed");
  return internalFailure();
}

/** Splits socket.io's arguments into (payload, ack); a client may omit the ack or send junk. */
export function splitArgs(args: unknown[]): { payload: unknown; ack?: AckFn } {
  const last = args[args.length - 1];
  return typeof last === "function" ? { payload: args[0], ack: last as AckFn } : { payload: args[0] };
}

export function onClientEvent<E extends ClientEventName>(
  socket: TandemSocket,
  event: E,
  log: Logger,
  handler: (payload: ParsedClientPayload<E>) => Promise<ClientEventResults[E]>,
): void {
  const listener = async (...args: unknown[]) => {
    const { payload, ack } = splitArgs(args);
    const parsed = ClientEventSchemas[event].safeParse(payload);
    if (!parsed.success) return ack?.(toFailure(parsed.error, log, event));
    try {
      const result = await handler(parsed.data as ParsedClientPayload<E>);
      ack?.({ ok: true, ...result });
    } catch (error) {
      ack?.(toFailure(error, log, event));
    }
  };
  // The typed `on` expects the declared listener signature; arguments arrive untrusted, so take unknowns.
  (socket.on as (event: string, listener: (...args: unknown[]) => void) => void).call(socket, event, listener);
}
