// A short memory of lookups that the bus tells us about when they change (credentials, roles), for
// the paths where the same lookup comes in bursts: a reconnect storm brings every editor of an
// instance back within seconds, each asking who they are and what their role is.
//
// Correct only with its invalidations: whoever fills it must `forget` on every event that changes an
// answer (server/access/recentLookups.ts). A lookup that began before a `forget` never fills the cache
// (the generation moved on), so an answer read before a change is not kept after it. Entries also
// expire after `ttlMs`, which bounds what a change nobody announces (a row edited by hand) can cost.

type Entry<V> = { value: V; storedAt: number };

export class RecentCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The remembered value, or `load()`'s, remembered when `keep(value)` says so (e.g. not a refusal). */
  async get(key: K, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.storedAt < this.ttlMs) return hit.value;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation && keep(value)) {
      // Full: start over rather than track recency; a storm refills what it needs in one round.
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, { value, storedAt: this.now() });
    }
    return value;
  }

  forget(key: K): void {
    this.generation++;
    this.entries.delete(key);
  }

  /** Forgets every entry whose value (or key) matches. */
  forgetWhere(match: (value: V, key: K) => boolean): void {
    this.generation++;
    for (const [key, entry] of this.entries) if (match(entry.value, key)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
