// The one source of presence: the collaboration rooms tell this reporter of every join and leave
// (RoomManagerHooks.presence), and it announces on the bus who has each document open on this
// instance. Every instance's realtime channel merges those reports (presenceFeed.ts), its own
// included, so the dashboard's "open now" and the editor's avatars are the same people.
//
// Joins and leaves arrive on the rooms' synchronous hot path: they only count and mark the document;
// the announcement goes out once per document per event-loop turn (a hundred tabs opening at once
// make one message, not a hundred).
import crypto from "node:crypto";
import type { EventBus } from "../bus/bus";
import type { Logger } from "../log";
import { LocalPresence, type PresentPeer } from "./presence";

/** This instance's reports are repeated this often while someone is present (others expire them). */
export const PRESENCE_REFRESH_MS = 20_000;

export type PresenceReporter = {
  /** Handed to the RoomManager as its presence hook. */
  joined(documentId: string, peer: PresentPeer): void;
  left(documentId: string, peer: PresentPeer): void;
  /** Announces what is still due (the rooms' final leaves at shutdown) and stops renewing. */
  stop(): Promise<void>;
};

export function createPresenceReporter(bus: EventBus, log: Logger, refreshMs = PRESENCE_REFRESH_MS): PresenceReporter {
  const instanceId = crypto.randomUUID();
  const presence = new LocalPresence();
  const due = new Set<string>();
  let flushing: NodeJS.Immediate | undefined;

  const announce = (documentId: string) =>
    bus
      .publish({ type: "presence.changed", instanceId, documentId, users: presence.usersIn(documentId) })
      .catch((err) => log.warn({ err, documentId }, "presence report failed"));

  const flush = async () => {
    flushing = undefined;
    const documentIds = [...due];
    due.clear();
    await Promise.all(documentIds.map(announce));
  };

  const changed = (documentId: string) => {
    due.add(documentId);
    flushing ??= setImmediate(() => void flush());
  };

  // Renewals keep this instance's reports alive elsewhere; an instance that dies stops renewing and
  // its people disappear from dashboards when the others expire them.
  const renew = setInterval(() => {
    for (const documentId of presence.documents()) void announce(documentId);
  }, refreshMs);
  renew.unref();

  return {
    joined(documentId, peer) {
      if (presence.joined(documentId, peer)) changed(documentId);
    },
    left(documentId, peer) {
      if (presence.left(documentId, peer)) changed(documentId);
    },
    async stop() {
      clearInterval(renew);
      clearImmediate(flushing);
      await flush();
    },
  };
}
