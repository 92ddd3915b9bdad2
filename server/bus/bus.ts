// The event bus: the one place where parts of the server tell each other what happened.
// In-process by default; the hosted mode swaps in a Redis-backed bus with the same interface.
import { EventEmitter } from "node:events";
import type { BusEvent } from "./events";

/** `local`: the event happened on this instance (false when it came from another one through Redis). */
export type BusMeta = { local: boolean };
export type BusListener = (event: BusEvent, meta: BusMeta) => void;

/** The other instances could not be told of an event right now; nobody, this instance included, heard it. */
export class BusUnreachable extends Error {
  constructor(cause: unknown) {
    super(`the event bus is unreachable: ${(cause as Error)?.message ?? cause}`);
  }
}

export interface EventBus {
  publish(event: BusEvent): Promise<void>;
  /**
   * `publish` for a change whose caller must know it went out: resolves once every instance can hear
   * it, else throws BusUnreachable at once (never left queued for later, which a stopping process loses).
   */
  publishOrFail(event: BusEvent): Promise<void>;
  subscribe(listener: BusListener): () => void;
  close(): Promise<void>;
}

export class LocalEventBus implements EventBus {
  private emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  async publish(event: BusEvent, meta: BusMeta = { local: true }): Promise<void> {
    this.emitter.emit("event", event, meta);
  }

  /** In one process every listener hears it at once: nothing can be unreachable. */
  publishOrFail(event: BusEvent): Promise<void> {
    return this.publish(event);
  }

  subscribe(listener: BusListener): () => void {
    const safe: BusListener = (event, meta) => {
      try {
        listener(event, meta);
      } catch (e) {
        console.error("event bus listener failed", e);
      }
    };
    this.emitter.on("event", safe);
    return () => this.emitter.off("event", safe);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
