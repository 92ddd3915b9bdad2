// The event bus across instances: events are delivered locally at once and published on Redis for the
// other instances (each message carries the sender's instance id, so no instance hears itself twice).
import crypto from "node:crypto";
import { Redis } from "ioredis";
import { BusUnreachable, LocalEventBus, type BusListener, type EventBus } from "./bus";
import type { BusEvent } from "./events";

type Envelope = { from: string; event: BusEvent };

/** How long a `publishOrFail` may wait for Redis' reply (a healthy one answers in a millisecond). */
export const STRICT_PUBLISH_TIMEOUT_MS = 1_000;
// For `publishOrFail`: no offline queue (a command while disconnected fails at once), a reply within
// the timeout, and nothing resent after a reconnect, so a refused event is never sent later.
const STRICT_OPTIONS = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  autoResendUnfulfilledCommands: false,
  commandTimeout: STRICT_PUBLISH_TIMEOUT_MS,
};

export class RedisEventBus implements EventBus {
  readonly instanceId = crypto.randomUUID();
  private local = new LocalEventBus();
  private readonly channel: string;

  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    /** Its own connection for `publishOrFail` (STRICT_OPTIONS); `pub` keeps queueing through outages. */
    private readonly strict: Redis,
    prefix: string,
  ) {
    this.channel = `${prefix}bus`;
  }

  /** Connects both Redis clients; `prefix` keeps test runs and deployments apart. */
  static async connect(url: string, prefix = "tandem:"): Promise<RedisEventBus> {
    const options = { maxRetriesPerRequest: null, enableOfflineQueue: true, lazyConnect: true };
    const pub = new Redis(url, options);
    const sub = new Redis(url, options);
    const strict = new Redis(url, STRICT_OPTIONS);
    await Promise.all([pub.connect(), sub.connect(), strict.connect()]);
    const bus = new RedisEventBus(pub, sub, strict, prefix);
    // ioredis reconnects by itself; an outage is reported once, not once per retry.
    for (const client of [pub, sub, strict]) {
      client.on("error", (err: Error) => bus.reportError(err));
      client.on("ready", () => (bus.down = false));
    }
    await sub.subscribe(bus.channel);
    sub.on("message", (channel, message) => bus.onMessage(channel, message));
    return bus;
  }

  /** True while Redis is unreachable (for /readyz and logs). */
  down = false;
  onError: (err: Error) => void = (err) => console.error(`Redis unreachable (${err.message}); retrying…`);

  private reportError(err: Error): void {
    if (this.down) return;
    this.down = true;
    this.onError(err);
  }

  private onMessage(channel: string, message: string): void {
    if (channel !== this.channel) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message);
    } catch {
      return; // not ours; never let a bad message take the process down
    }
    if (envelope.from === this.instanceId || !envelope.event?.type) return;
    void this.local.publish(envelope.event, { local: false });
  }

  async publish(event: BusEvent): Promise<void> {
    await this.local.publish(event);
    const envelope: Envelope = { from: this.instanceId, event };
    // While Redis is down ioredis queues the publish; the local delivery above already happened.
    await this.pub.publish(this.channel, JSON.stringify(envelope)).catch(() => {});
  }

  /** Redis first, and only once it took the message is this instance told (so a refusal reached nobody). */
  async publishOrFail(event: BusEvent): Promise<void> {
    const envelope: Envelope = { from: this.instanceId, event };
    try {
      await this.strict.publish(this.channel, JSON.stringify(envelope));
    } catch (err) {
      throw new BusUnreachable(err);
    }
    await this.local.publish(event);
  }

  subscribe(listener: BusListener): () => void {
    return this.local.subscribe(listener);
  }

  /** Redis connections for other cross-instance parts (socket.io adapter, collab fan-out). */
  get redis(): { pub: Redis; sub: Redis } {
    return { pub: this.pub, sub: this.sub };
  }

  get prefix(): string {
    return this.channel.slice(0, -"bus".length);
  }

  /** On the `publishOrFail` connection: true means a change published now goes out. */
  async ping(): Promise<boolean> {
    try {
      return (await this.strict.ping()) === "PONG";
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.local.close();
    this.sub.disconnect();
    this.pub.disconnect();
    this.strict.disconnect();
  }
}
