// Stream event ids: strictly increasing numbers that stay unique across restarts because they start
// from the clock (microsecond-scaled milliseconds), not from zero. Ids from before a restart are then
// always older than anything this process knows, so a client presenting one is told to refetch.
export const IDS_PER_MS = 1000;

export class EventIdSource {
  private last: number;
  /** The id this process started from; no event of this process has an id at or below it. */
  readonly base: number;

  constructor(private readonly now: () => number = Date.now) {
    this.last = this.now() * IDS_PER_MS;
    this.base = this.last;
  }

  peek(): number {
    return this.last;
  }

  next(): number {
    this.last = Math.max(this.last + 1, this.now() * IDS_PER_MS);
    return this.last;
  }
}

/** Parses a client-supplied id; anything that is not a safe non-negative integer is `null`. */
export function parseEventId(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined || !/^\d{1,16}$/.test(raw.trim())) return null;
  const id = Number(raw.trim());
  return Number.isSafeInteger(id) ? id : null;
}

// The shared log (redisEventLog.ts) writes stream ids `<ms>-<seq>` with seq below IDS_PER_MS, so
// one number, ms * IDS_PER_MS + seq, is both the SSE id and the stream position, and orders the same.
export function numericFromStreamId(streamId: string): number | null {
  const match = /^(\d{1,13})-(\d{1,3})$/.exec(streamId);
  if (!match) return null;
  const seq = Number(match[2]);
  if (seq >= IDS_PER_MS) return null;
  const id = Number(match[1]) * IDS_PER_MS + seq;
  return Number.isSafeInteger(id) ? id : null;
}

export function streamIdFromNumeric(id: number): string {
  return `${Math.floor(id / IDS_PER_MS)}-${id % IDS_PER_MS}`;
}
