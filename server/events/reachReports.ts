// The viewers' reports — seen, acknowledged, dismissed — accepted cheaply enough for thousands of
// tabs at once: the announcement's audience and kind come from memory (announcementFacts.ts), each
// write is one raw statement (reachWrites.ts), and "seen" is coalesced into batches (seenBatch.ts).
// Acknowledgements and dismissals stay one write each, published at once: they clear the
// announcement from that account's other tabs, live, on every instance.
import type { ViewerKind } from "../../lib/announcements/types";
import type { EventBus } from "../bus/bus";
import type { Db } from "../db/client";
import { conflict, notFound as notFoundOf } from "../domain/errors";
import type { Logger } from "../log";
import { AnnouncementFactsCache } from "./announcementFacts";
import { viewersOf } from "./audience";
import { type DatabaseKind, insertSeen, upsertAck, upsertDismissal } from "./reachWrites";
import { SeenBatch } from "./seenBatch";

const notFound = () => notFoundOf("Announcement");

export class ReachReports {
  private readonly facts: AnnouncementFactsCache;
  private readonly seen: SeenBatch;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly db: Db,
    private readonly kind: DatabaseKind,
    private readonly bus: EventBus,
    log: Logger,
    seenFlushMs?: number,
  ) {
    this.facts = new AnnouncementFactsCache(db);
    this.seen = new SeenBatch(
      (pairs) => insertSeen(db, kind, pairs),
      async (ids) => {
        for (const id of ids) await this.reachChanged(id);
      },
      log,
      seenFlushMs,
    );
    this.unsubscribe = bus.subscribe((event) => {
      if (event.type === "announcements.changed") this.facts.forget();
    });
  }

  /** Resolves once the reports are stored; ids outside the account's audience (or unknown) are ignored, not an error. */
  async markSeen(userId: string, viewer: ViewerKind, ids: readonly string[]): Promise<void> {
    const facts = await this.facts.get(ids);
    const visible = [...new Set(ids)].filter((id) => {
      const f = facts.get(id);
      return f && viewersOf(f.audience).includes(viewer);
    });
    await this.seen.add(visible.map((announcementId) => ({ announcementId, userId })));
  }

  async acknowledge(userId: string, viewer: ViewerKind, id: string): Promise<void> {
    const f = await this.facts.one(id);
    if (!f || !viewersOf(f.audience).includes(viewer)) throw notFound();
    if (!f.requiresAck) throw conflict("This announcement does not ask for confirmation; dismiss it instead.");
    const fresh = await upsertAck(this.db, this.kind, id, userId);
    // Sent even when another tab got there first: a stream that missed the first one still clears.
    await this.bus.publish({ type: "announcement.acknowledged", announcementId: id, userId });
    if (fresh) await this.reachChanged(id);
  }

  async dismiss(userId: string, viewer: ViewerKind, id: string): Promise<void> {
    const f = await this.facts.one(id);
    if (!f || !viewersOf(f.audience).includes(viewer)) throw notFound();
    if (f.requiresAck) throw conflict("This announcement asks you to confirm you have read it instead.");
    if (!f.dismissible) throw conflict("This announcement cannot be dismissed.");
    await upsertDismissal(this.db, this.kind, id, userId);
    await this.bus.publish({ type: "announcement.dismissed", announcementId: id, userId });
    await this.reachChanged(id);
  }

  /** Seen reports waiting for their batched write. */
  get queuedSeen(): number {
    return this.seen.queued;
  }

  /** Before the database closes: the queued seen reports are written. */
  async stop(): Promise<void> {
    this.unsubscribe();
    await this.seen.stop();
  }

  private async reachChanged(id: string): Promise<void> {
    await this.bus.publish({ type: "announcement.reach", announcementId: id });
  }
}
