// Which accounts have an open event stream right now, on any instance: a reminder goes in the app
// to those, and by email only to the others (announcementService.ts).
//
// A single instance answers from its hub. In the hosted mode each instance keeps, in Redis, one set
// of the accounts with a stream on it (`<prefix>sse:online:<instance>`), changed as an account's first
// stream opens and its last one closes, and rewritten whole every REFRESH_MS with a TTL of TTL_MS.
// An instance that dies stops refreshing, so its set expires by Redis's own clock within TTL_MS and
// its accounts stop counting as online (no instance clocks are compared). A registry of instance ids
// (`<prefix>sse:instances`) says which sets to ask; ids not refreshed for an hour are pruned from it.
import crypto from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "../log";
import { isGuestId } from "../auth/linkCredential";

/** How long shutdown waits for Redis to forget this instance's accounts. */
const CLOSE_WAIT_MS = 1_000;

export const REFRESH_MS = 5_000;
/** Three refreshes: a slow one or two do not make an instance's accounts look away. */
export const TTL_MS = 15_000;
const REGISTRY_PRUNE_MS = 60 * 60_000;

export interface StreamPresence {
  /** Those of `userIds` with at least one open event stream on some instance now. */
  online(userIds: readonly string[]): Promise<Set<string>>;
  /** The hub's word that an account's first stream opened (true) or its last one closed (false). */
  changed(userId: string, present: boolean): void;
  close(): Promise<void>;
}

/** One instance: its hub is the whole truth. */
export class LocalStreamPresence implements StreamPresence {
  constructor(private readonly accountsHere: () => Iterable<string>) {}

  async online(userIds: readonly string[]): Promise<Set<string>> {
    const here = new Set(this.accountsHere());
    return new Set(userIds.filter((id) => here.has(id)));
  }

  changed(): void {}

  async close(): Promise<void> {}
}

export type RedisPresenceOptions = { refreshMs?: number; ttlMs?: number };

/** The hosted mode: every instance's set in Redis, this one's own answered from memory. */
export class RedisStreamPresence implements StreamPresence {
  readonly instanceId = crypto.randomUUID();
  private readonly key: string;
  private readonly registry: string;
  private readonly timer: NodeJS.Timeout;
  private readonly ttlMs: number;

  constructor(
    private readonly redis: { client: Redis; prefix: string },
    private readonly accountsHere: () => Iterable<string>,
    private readonly log: Logger,
    options: RedisPresenceOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? TTL_MS;
    this.key = `${redis.prefix}sse:online:${this.instanceId}`;
    this.registry = `${redis.prefix}sse:instances`;
    this.timer = setInterval(() => void this.refresh(), options.refreshMs ?? REFRESH_MS);
    this.timer.unref();
  }

  changed(userId: string, present: boolean): void {
    if (isGuestId(userId)) return;
    const tx = this.redis.client.multi();
    // Registered here too, so a new instance's first streams count before its first refresh.
    if (present) tx.sadd(this.key, userId).pexpire(this.key, this.ttlMs).zadd(this.registry, Date.now(), this.instanceId);
    else tx.srem(this.key, userId);
    // Missed changes are put right by the next refresh.
    tx.exec().catch((err) => this.log.debug({ err }, "stream presence change not written"));
  }

  async online(userIds: readonly string[]): Promise<Set<string>> {
    const here = new Set(this.accountsHere());
    const found = new Set(userIds.filter((id) => here.has(id)));
    const rest = userIds.filter((id) => !found.has(id));
    if (rest.length === 0) return found;
    try {
      const others = (await this.redis.client.zrange(this.registry, "0", "-1")).filter((id) => id !== this.instanceId);
      if (others.length === 0) return found;
      const pipeline = this.redis.client.pipeline();
      for (const id of others) pipeline.smismember(`${this.redis.prefix}sse:online:${id}`, ...rest);
      for (const [err, flags] of (await pipeline.exec()) ?? []) {
        if (err) throw err;
        (flags as number[]).forEach((flag, i) => flag === 1 && found.add(rest[i]));
      }
    } catch (err) {
      // Without Redis only this instance's streams are known: the others count as away (and get the email).
      this.log.warn({ err }, "could not ask the other instances who has a stream open; counting only this one's");
    }
    return found;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    const cleared = this.redis.client
      .multi()
      .del(this.key)
      .zrem(this.registry, this.instanceId)
      .exec()
      .catch(() => undefined);
    // Best effort and never long: with Redis unreachable, ioredis would hold the command through its
    // reconnects and hold up shutdown; the set expires by its TTL anyway.
    await Promise.race([cleared, new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
  }

  /** Rewrites this instance's set whole (so a lost change heals) and renews its TTL and registry entry. */
  private async refresh(): Promise<void> {
    const accounts = [...this.accountsHere()].filter((id) => !isGuestId(id));
    const now = Date.now();
    const tx = this.redis.client.multi().del(this.key);
    if (accounts.length > 0) tx.sadd(this.key, ...accounts).pexpire(this.key, this.ttlMs);
    tx.zadd(this.registry, now, this.instanceId).zremrangebyscore(this.registry, "-inf", now - REGISTRY_PRUNE_MS);
    await tx.exec().catch((err) => this.log.debug({ err }, "stream presence refresh failed"));
  }
}
