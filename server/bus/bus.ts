// The event bus: the one place where parts of the server tell each other what happened.
// In-process by default; the hosted mode swaps in a Redis-backed bus with the same interface.
import { EventEmitter } from "node:events";
import type { BusEvent } from "./events";

export type BusListener = (event: BusEvent) => void;

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

  async publish(event: BusEvent): Promise<void> {
    this.emitter.emit("event", event);
  }

  subscribe(listener: BusListener): () => void {
    const safe: BusListener = (event) => {
      try {
        listener(event);
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
