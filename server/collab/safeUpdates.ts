// Yjs applies an update in two steps: it integrates the structs, then reads and applies the delete
// set, and it can throw in the second step after the first has changed the document (fuzzing with
// bit-flipped updates found hundreds of such frames). It also keeps structs whose dependencies have
// not arrived ("pending") without bound. Nothing from outside is applied unchecked, and nothing stored
// is trusted blindly: these are the checks the room and the loader share.
import * as Y from "yjs";

/** Why `update` is not a well-formed Yjs update (v1), or null when it decodes whole. Cheap: ~1 µs for a keystroke. */
export function malformedUpdate(update: Uint8Array): string | null {
  let structs: ReturnType<typeof Y.decodeUpdate>["structs"];
  try {
    structs = Y.decodeUpdate(update).structs;
  } catch (error) {
    return `does not decode (${error instanceof Error ? error.message : String(error)})`;
  }
  for (const struct of structs) {
    // An insert "after X and before X" is placed one way on arrival and another way when the stored
    // state is loaded: peers that joined later would see a different text. No Yjs client makes one.
    if (struct instanceof Y.Item && struct.origin && struct.rightOrigin && Y.compareIDs(struct.origin, struct.rightOrigin)) {
      return "an insert whose left and right neighbours are the same";
    }
  }
  return null;
}

type PendingState = Pick<Y.Doc["store"], "pendingStructs" | "pendingDs">;

/** The document's structs and deletions waiting for dependencies, as they are now. */
export function pendingOf(doc: Y.Doc): PendingState {
  return { pendingStructs: doc.store.pendingStructs, pendingDs: doc.store.pendingDs };
}

export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** Encoded bytes of what is pending. */
export function pendingBytes(pending: PendingState): number {
  return (pending.pendingStructs?.update.byteLength ?? 0) + (pending.pendingDs?.byteLength ?? 0);
}

/** Puts back what was pending before (drops what an update added to it). */
export function restorePending(doc: Y.Doc, previous: PendingState): void {
  doc.store.pendingStructs = previous.pendingStructs;
  doc.store.pendingDs = previous.pendingDs;
}

/** Takes the pending structs and deletions out of the document, encoded as one update (kept in quarantine). */
export function takePending(doc: Y.Doc): Uint8Array | null {
  const parts: Uint8Array[] = [];
  if (doc.store.pendingStructs) parts.push(doc.store.pendingStructs.update);
  if (doc.store.pendingDs) parts.push(doc.store.pendingDs);
  restorePending(doc, { pendingStructs: null, pendingDs: null });
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0] : Y.mergeUpdates(parts);
}

export type RejectedPart = { index: number; reason: string };
export type LoadedState = {
  doc: Y.Doc;
  /** Stored parts left out, by their index in the input. */
  rejected: RejectedPart[];
  /**
   * Structs of the accepted parts whose dependencies are missing, taken out of the document because
   * there were more than `maxPendingBytes` of them. Fewer stay in (in the hosted mode another
   * instance's row may simply not be committed yet) and count in `bytes`.
   */
  pending: Uint8Array | null;
  /** Bytes of the parts applied. */
  bytes: number;
};

/**
 * A Y.Doc from stored parts (a snapshot and log rows, in order). The fast path applies all of them in
 * one transaction. Should any fail, the document is rebuilt part by part:
 * a part that does not decode is left out; one that throws while applying (it may have changed the
 * document halfway) is left out and the rebuild starts over without it. One bad row never makes a
 * document unopenable.
 */
export function loadStoredParts(parts: Uint8Array[], maxPendingBytes = Infinity): LoadedState {
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const fast = new Y.Doc();
  try {
    fast.transact(() => {
      for (const part of parts) Y.applyUpdate(fast, part);
    });
    const pending = pendingBytes(pendingOf(fast)) > maxPendingBytes ? takePending(fast) : null;
    return { doc: fast, rejected: [], pending, bytes: total };
  } catch {
    // fall through to the careful path
  }
  fast.destroy();
  const rejected = new Map<number, string>();
  for (const [index, part] of parts.entries()) {
    const reason = malformedUpdate(part);
    if (reason) rejected.set(index, reason);
  }
  for (;;) {
    const doc = new Y.Doc();
    let failed = false;
    for (const [index, part] of parts.entries()) {
      if (rejected.has(index)) continue;
      try {
        Y.applyUpdate(doc, part);
      } catch (error) {
        rejected.set(index, `failed to apply (${error instanceof Error ? error.message : String(error)})`);
        failed = true;
        break;
      }
    }
    if (failed) {
      doc.destroy();
      continue; // at most once per part
    }
    const pending = pendingBytes(pendingOf(doc)) > maxPendingBytes ? takePending(doc) : null;
    let bytes = 0;
    parts.forEach((part, index) => (bytes += rejected.has(index) ? 0 : part.byteLength));
    return { doc, rejected: [...rejected].map(([index, reason]) => ({ index, reason })), pending, bytes };
  }
}
