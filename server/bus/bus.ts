// The event bus: the one place where parts of the server tell each other what happened.
// In-process by default; the hosted mode swaps in a Redis-backed bus with the same interface.
import { EventEmitter } from "node:events";
import type { BusEvent } from "./events";

/** `local`: the event happened on this instance (false when it came from another one through Redis). */
export type BusMeta = { local: boolean };
export type BusListener = (event: BusEvent, meta: BusMeta) => void;

export interface EventBus {
  publish(event: BusEvent): Promise<void>;
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
