// One timer beats every stream's heartbeat. A timer per stream costs memory and wake-ups per stream;
// one interval over all streams at once writes thousands of frames in one burst. The wheel splits the
// streams into slots and beats one slot per tick, so the work is spread over the interval. A stream
// that was written to recently (an event went out) skips its beat: it is not idle.

/** What the wheel needs of a stream. */
export interface Beating {
  /** performance.now() of the last write to the stream. */
  lastWriteAt: number;
  beat(): void;
}

const SLOTS = 16;

export class HeartbeatWheel<T extends Beating> {
  private readonly slots: Array<Set<T>> = Array.from({ length: SLOTS }, () => new Set());
  private readonly slotOf = new Map<T, number>();
  private cursor = 0;
  private next = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs: number) {}

  get size(): number {
    return this.slotOf.size;
  }

  add(stream: T): void {
    // Round-robin keeps the slots even however streams come and go.
    const slot = this.next;
    this.next = (this.next + 1) % SLOTS;
    this.slots[slot].add(stream);
    this.slotOf.set(stream, slot);
    this.timer ??= this.start();
  }

  remove(stream: T): void {
    const slot = this.slotOf.get(stream);
    if (slot === undefined) return;
    this.slots[slot].delete(stream);
    this.slotOf.delete(stream);
    if (this.slotOf.size === 0) this.stop();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private start(): NodeJS.Timeout {
    const timer = setInterval(() => this.tick(), Math.max(1, Math.floor(this.intervalMs / SLOTS)));
    timer.unref();
    return timer;
  }

  private tick(): void {
    const slot = this.slots[this.cursor];
    this.cursor = (this.cursor + 1) % SLOTS;
    // A stream written to within the last half interval is not idle; the next round beats it.
    const idleSince = performance.now() - this.intervalMs / 2;
    for (const stream of slot) if (stream.lastWriteAt <= idleSince) stream.beat();
  }
}
