// How many event streams one account, or one address of signed-out visitors, may hold open on this
// instance. A browser needs one: its tabs share a single EventSource (lib/announcements/sharedStream.ts),
// so 20 per account covers several browsers and devices. Visitors are counted by address, and many
// browsers can share one (an office behind NAT), hence the higher limit there.

// The defaults; EVENT_STREAMS_PER_ACCOUNT and EVENT_STREAMS_PER_ADDRESS change them (server/config.ts).
export const MAX_STREAMS_PER_ACCOUNT = 20;
export const MAX_STREAMS_PER_ADDRESS = 50;
/** Suggested wait before trying again; our client backs off on its own (jittered, 1 s doubling to 30 s). */
export const STREAM_LIMIT_RETRY_AFTER_SECONDS = 30;

export class StreamCounts {
  private readonly open = new Map<string, number>();

  /** Takes a slot under `key` if fewer than `max` are held; returns its release (idempotent), or null. */
  take(key: string, max: number): (() => void) | null {
    const held = this.open.get(key) ?? 0;
    if (held >= max) return null;
    this.open.set(key, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left <= 0) this.open.delete(key);
      else this.open.set(key, left);
    };
  }
}
