// Many lookups of one kind arriving together become one query. A reconnect storm brings hundreds of
// sockets in the same few milliseconds, each asking "whose credential is this?" and "what is their
// role here?"; answered one by one that is two database round trips per socket. The loader collects
// the keys asked for until the event loop has handled what already arrived (setImmediate), then asks
// the database once for all of them; the same key asked twice shares one answer.
//
// Nothing is cached: every batch is read after each of its callers asked, so an answer is as fresh as
// a query of its own would have been (a revocation that committed before a caller asked is seen).

/** Reads the values of `keys` (at most `maxBatch` at once); a key missing from the map has no value. */
export type BatchRead<K, V> = (keys: K[]) => Promise<Map<K, V>>;

type Waiter<V> = { resolve(value: V | undefined): void; reject(error: unknown): void };

export class BatchLoader<K, V> {
  private pending = new Map<K, Waiter<V>[]>();
  private scheduled = false;

  constructor(
    private readonly read: BatchRead<K, V>,
    private readonly maxBatch = 200,
  ) {}

  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = new Map();
    const keys = [...batch.keys()];
    for (let i = 0; i < keys.length; i += this.maxBatch) {
      const slice = keys.slice(i, i + this.maxBatch);
      this.read(slice).then(
        (values) => {
          for (const key of slice) for (const w of batch.get(key)!) w.resolve(values.get(key));
        },
        (error) => {
          for (const key of slice) for (const w of batch.get(key)!) w.reject(error);
        },
      );
    }
  }
}

/**
 * The same for writes nobody waits for: keys marked in one turn go to `write` together, once each
 * (at most `maxBatch` at once). For bookkeeping such as "last used at" (a storm of 1,000 accounts
 * would otherwise be 1,000 UPDATEs); a failed write is reported to `onError`, never to the callers.
 */
export class BatchWrite<K> {
  private pending = new Set<K>();
  private scheduled = false;

  constructor(
    private readonly write: (keys: K[]) => Promise<unknown>,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly maxBatch = 200,
  ) {}

  mark(key: K): void {
    this.pending.add(key);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const keys = [...this.pending];
    this.pending = new Set();
    for (let i = 0; i < keys.length; i += this.maxBatch) this.write(keys.slice(i, i + this.maxBatch)).catch(this.onError);
  }
}
