// Recorded deletions (DocumentDeletion rows) as compare reads them. A delete set is stored as a Yjs
// snapshot with an empty state vector (Y.encodeSnapshot writes the delete set, then the vector), since
// yjs exports no delete-set encoder of its own. DeletionIndex answers "who deleted this item first,
// and up to which clock does that hold", so compare can cut a removed stretch where the deleter changes.
import * as Y from "yjs";

/** yjs exports the class but not its type by name. */
type DeleteSet = ReturnType<typeof Y.createDeleteSet>;

export type DeletionRecord = { accountId: string; at: Date; deleteSet: DeleteSet };

/** Prisma's Bytes want an ArrayBuffer-backed array. */
export function encodeDeleteSet(ds: DeleteSet): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Y.encodeSnapshot(Y.createSnapshot(ds, new Map())));
}

export function decodeDeleteSet(bytes: Uint8Array): DeleteSet {
  return Y.decodeSnapshot(bytes).ds;
}

/** A stretch of one client's clocks [start, end) first deleted by records[record]. */
type Segment = { start: number; end: number; record: number };

export class DeletionIndex {
  /** client → disjoint segments sorted by start. */
  private readonly segments = new Map<number, Segment[]>();

  /** `records` oldest first: where two deleted the same item (concurrently), the earlier one keeps it. */
  constructor(readonly records: DeletionRecord[]) {
    records.forEach((record, i) => {
      for (const [client, items] of record.deleteSet.clients) {
        for (const item of items) this.cover(client, item.clock, item.clock + item.len, i);
      }
    });
  }

  /**
   * Who first deleted (client, clock): `index` into records (null when nobody's deletion of it was
   * recorded), and the clock where that answer stops holding (the stretch's end, or the next one's start).
   */
  stretch(client: number, clock: number): { index: number | null; end: number } {
    const list = this.segments.get(client);
    const seg = list?.[this.firstEndingAfter(list, clock)];
    if (!seg) return { index: null, end: Number.POSITIVE_INFINITY };
    if (seg.start > clock) return { index: null, end: seg.start };
    return { index: seg.record, end: seg.end };
  }

  /** Adds the parts of [start, end) no earlier record covers. */
  private cover(client: number, start: number, end: number, record: number): void {
    let list = this.segments.get(client);
    if (!list) this.segments.set(client, (list = []));
    let i = this.firstEndingAfter(list, start);
    let at = start;
    const added: Segment[] = [];
    while (at < end) {
      const seg = list[i];
      if (!seg || seg.start >= end) {
        added.push({ start: at, end, record });
        break;
      }
      if (seg.start > at) added.push({ start: at, end: seg.start, record });
      at = Math.max(at, seg.end);
      i++;
    }
    for (const seg of added) list.splice(this.firstEndingAfter(list, seg.start), 0, seg);
  }

  /** Index of the first segment whose end is past `clock` (binary search). */
  private firstEndingAfter(list: Segment[], clock: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].end <= clock) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
