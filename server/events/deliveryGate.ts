// Hosted mode: an announcement change reaches browsers through Redis (the bus tells every instance,
// the shared event log carries the stream events). While this instance cannot reach Redis, a change
// would be stored but go out to nobody, and an event waiting in ioredis' offline queue is lost if the
// process stops first. So an administrator's change is refused with 503 before anything is stored:
// they know it did not go out, and try again once Redis is back (a single instance has no Redis, no gate).
// An outage between that check and the change's own publish gets the same answer (`deliveredOr503`):
// that publish fails at once rather than wait in a queue (RedisEventBus.publishOrFail), and the
// change is undone (AnnouncementService), so "nothing was saved" stays true.
import { BusUnreachable } from "../bus/bus";
import { ApiError } from "../http/errors";
import type { RedisLink } from "../services";

/** How long a PING may take before Redis counts as unreachable (a healthy one answers in a millisecond). */
export const DELIVERY_CHECK_MS = 1_000;
export const DELIVERY_RETRY_AFTER_SECONDS = 30;

export const DELIVERY_UNAVAILABLE_MESSAGE =
  "Announcements cannot go out right now: this server cannot reach Redis, which carries them to every instance. Nothing was saved. Try again in a minute.";

/** Resolves when a change can go out now; throws ApiError `unavailable` (503, Retry-After) when it cannot. */
export async function requireDelivery(redis: RedisLink | undefined): Promise<void> {
  if (!redis) return;
  // Not "ready": reconnecting, its commands would only be queued; no need to wait for a PING to say so.
  if (redis.pub.status === "ready") {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), DELIVERY_CHECK_MS);
    });
    const answered = await Promise.race([redis.ping(), timeout]);
    clearTimeout(timer);
    if (answered) return;
  }
  throw unavailable();
}

/** Runs a change that announces itself; the bus refusing it (Redis down meanwhile) is the same 503. */
export async function deliveredOr503<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (err) {
    if (err instanceof BusUnreachable) throw unavailable();
    throw err;
  }
}

const unavailable = () => new ApiError("unavailable", DELIVERY_UNAVAILABLE_MESSAGE, undefined, DELIVERY_RETRY_AFTER_SECONDS);
