// When a document being edited is read for the index: once it has been quiet for `quietMs`, or, while
// edits keep coming, every `maxWaitMs`. The collab server tells us of every accepted update, so the
// hot path (`edited`) is one map lookup and an assignment: no timer is reset per keystroke, the timer
// looks at the clock when it fires and sleeps again if edits came meanwhile.

export type DebounceTiming = { quietMs: number; maxWaitMs: number };

/** Armed: edits since `firstAt`, the last one at `lastAt`. Reading: the index is reading it; edits meanwhile set `again`. */
type Armed = { state: "armed"; firstAt: number; lastAt: number; timer: NodeJS.Timeout };
type Reading = { state: "reading"; again: boolean };
type Slot = Armed | Reading;

function unreachable(slot: never): never {
  throw new Error(`unknown debounce slot ${JSON.stringify(slot)}`);
}

export class EditDebouncer {
  private readonly slots = new Map<string, Slot>();
  private stopped = false;

  constructor(
    private readonly timing: DebounceTiming,
    /** Reads and indexes the document; the returned promise settles when it is done. */
    private readonly due: (documentId: string) => Promise<void>,
  ) {}

  /** An update to the document was accepted (`now`: performance.now()). */
  edited(documentId: string, now: number): void {
    if (this.stopped) return;
    const slot = this.slots.get(documentId);
    switch (slot?.state) {
      case undefined:
        this.arm(documentId, now);
        return;
      case "armed":
        slot.lastAt = now;
        return;
      case "reading":
        slot.again = true;
        return;
      default:
        unreachable(slot);
    }
  }

  /** Forget the document (it was deleted): nothing pending for it runs. */
  cancel(documentId: string): void {
    const slot = this.slots.get(documentId);
    if (slot?.state === "armed") clearTimeout(slot.timer);
    this.slots.delete(documentId);
  }

  /** Shutdown: every document waiting is read now; resolves when all reads are done. */
  async flush(): Promise<void> {
    this.stopped = true;
    const reads: Promise<void>[] = [];
    for (const [documentId, slot] of this.slots) {
      if (slot.state !== "armed") continue;
      clearTimeout(slot.timer);
      reads.push(this.read(documentId));
    }
    await Promise.allSettled(reads);
  }

  /** Documents waiting or being read. */
  get pending(): number {
    return this.slots.size;
  }

  private arm(documentId: string, now: number): void {
    const slot: Armed = { state: "armed", firstAt: now, lastAt: now, timer: setTimeout(() => this.wake(documentId, slot), this.timing.quietMs) };
    slot.timer.unref?.();
    this.slots.set(documentId, slot);
  }

  private wake(documentId: string, slot: Armed): void {
    if (this.slots.get(documentId) !== slot) return;
    const wait = Math.min(slot.lastAt + this.timing.quietMs, slot.firstAt + this.timing.maxWaitMs) - performance.now();
    if (wait > 1) {
      slot.timer = setTimeout(() => this.wake(documentId, slot), wait);
      slot.timer.unref?.();
      return;
    }
    void this.read(documentId);
  }

  private async read(documentId: string): Promise<void> {
    const reading: Reading = { state: "reading", again: false };
    this.slots.set(documentId, reading);
    try {
      await this.due(documentId);
    } finally {
      if (this.slots.get(documentId) === reading) {
        this.slots.delete(documentId);
        // Edited while we read: what we stored may miss those edits, so wait for quiet again.
        if (reading.again && !this.stopped) this.arm(documentId, performance.now());
      }
    }
  }
}
