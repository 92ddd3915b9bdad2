// Who deleted what. Yjs names the author of every inserted item (its client id) but keeps no author
// for a deletion, so the server writes it down: for each account's accepted updates to a document,
// the merged delete set over a short window, one DocumentDeletion row per (document, account, window).
// The frame's path costs one byte read: an update without deletions ends with a zero byte (its
// delete set's client count), one with deletions never does (its last varint is a range length ≥ 1).
// Only those updates are kept, and decoded (Y.decodeUpdate(…).ds) when the window is written.
import * as Y from "yjs";
import type { Db } from "../db/client";
import type { Logger } from "../log";
import { decodeDeleteSet, encodeDeleteSet, type DeletionRecord } from "./deletionSets";

/** How long one account's deletions in a document are gathered into one row. */
export const DELETION_WINDOW_MS = 1000;
/**
 * How far before a document's oldest kept version its deletion rows are still kept: a window's row is
 * dated by its first deletion and a version by its insert, so a row a little older may still hold
 * deletions made after the version's state was read.
 */
export const DELETION_PRUNE_MARGIN_MS = 5 * 60_000;
/** Bytes of updates held before the window is written early (a long select-and-delete storm). */
const HELD_BYTES_MAX = 4 * 1024 * 1024;

type Held = { documentId: string; accountId: string; at: Date; updates: Uint8Array[] };

export class DeletionRecorder {
  private held = new Map<string, Held>();
  private heldBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly windowMs = DELETION_WINDOW_MS,
  ) {}

  /** An update from `accountId` was accepted (hot path: see the header). */
  accepted(documentId: string, update: Uint8Array, accountId: string): void {
    if (update.length === 0 || update[update.length - 1] === 0) return; // no deletions in it
    const key = `${documentId}\u0000${accountId}`;
    let held = this.held.get(key);
    if (!held) this.held.set(key, (held = { documentId, accountId, at: new Date(), updates: [] }));
    held.updates.push(update);
    this.heldBytes += update.length;
    if (this.heldBytes > HELD_BYTES_MAX) this.writeSoon(0);
    else this.writeSoon(this.windowMs);
  }

  /** Records a deletion the server made for someone (a restore, see History.write). */
  async record(documentId: string, accountId: string, update: Uint8Array): Promise<void> {
    await this.store([{ documentId, accountId, at: new Date(), updates: [update] }]);
  }

  /** Resolves once every deletion accepted so far is stored (compare is about to read them). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.writing = this.writing.then(() => this.write());
    }
    await this.writing;
  }

  /** Every deletion recorded in a document, oldest first (compare builds a DeletionIndex of them). */
  async of(documentId: string): Promise<DeletionRecord[]> {
    const rows = await this.db.documentDeletion.findMany({
      where: { documentId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { accountId: true, createdAt: true, deleteSet: true },
    });
    return rows.map((r) => ({ accountId: r.accountId, at: r.createdAt, deleteSet: decodeDeleteSet(r.deleteSet) }));
  }

  /**
   * Retention: text deleted before a document's oldest kept version is in neither point of any
   * comparison the history can still make (every point is a kept version, "origin" or "current"), so
   * who deleted it is never asked again. Documents without versions keep theirs (one comes soon).
   * Returns how many rows went.
   */
  async pruneBeforeOldestVersion(): Promise<number> {
    const oldest = await this.db.documentVersion.groupBy({ by: ["documentId"], _min: { createdAt: true } });
    let pruned = 0;
    for (const { documentId, _min } of oldest) {
      if (!_min.createdAt) continue;
      const before = new Date(_min.createdAt.getTime() - DELETION_PRUNE_MARGIN_MS);
      pruned += (await this.db.documentDeletion.deleteMany({ where: { documentId, createdAt: { lt: before } } })).count;
    }
    return pruned;
  }

  private writeSoon(delay: number): void {
    if (this.timer && delay > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.writing = this.writing.then(() => this.write());
    }, delay);
    this.timer.unref?.();
  }

  private async write(): Promise<void> {
    const batch = [...this.held.values()];
    this.held = new Map();
    this.heldBytes = 0;
    await this.store(batch);
  }

  /**
   * One INSERT for every (document, account) window of the batch: under steady typing each open
   * document has a window a second, and a Prisma query costs 1–3 ms of CPU. Should it fail (a
   * document purged meanwhile: foreign key), the rows are written one by one so the others still are.
   */
  private async store(batch: Held[]): Promise<void> {
    const rows: { documentId: string; accountId: string; createdAt: Date; deleteSet: Uint8Array<ArrayBuffer> }[] = [];
    for (const held of batch) {
      const sets: ReturnType<typeof Y.createDeleteSet>[] = [];
      for (const update of held.updates) {
        try {
          sets.push(Y.decodeUpdate(update).ds);
        } catch {
          // the room applied it, so this cannot happen; a bad one is simply not attributed
        }
      }
      const merged = Y.mergeDeleteSets(sets);
      if (merged.clients.size === 0) continue;
      rows.push({ documentId: held.documentId, accountId: held.accountId, createdAt: held.at, deleteSet: encodeDeleteSet(merged) });
    }
    if (rows.length === 0) return;
    try {
      await this.db.documentDeletion.createMany({ data: rows });
      return;
    } catch {
      // one of them failed: find which, below
    }
    for (const row of rows) {
      try {
        await this.db.documentDeletion.create({ data: row });
      } catch (err) {
        // The document was purged meanwhile (foreign key), or the database is away: attribution only.
        this.log.warn({ err, documentId: row.documentId }, "history: could not record who deleted text");
      }
    }
  }
}
