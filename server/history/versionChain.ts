// How a version's document is rebuilt: each version stores only the Yjs changes since the version
// before it (Y.encodeStateAsUpdate(doc, previous state vector)), so the document at version N is the
// diffs of versions 1..N applied in order. Why diffs and not the full state per version: a full state
// grows with the document (a 40-page document's state is ~100 KB, times every pause in editing),
// while a diff costs about what was typed since the last version (measured in test/history/
// historyApi.test.ts: bytes per version are logged there). Removing a version from the middle of the
// chain folds its diff into the next one (mergeDiffs), so the chain stays whole.
import * as Y from "yjs";

/** Applies the diffs in order to a fresh doc. gc off keeps deleted text's content (compare needs it). */
export function docFromDiffs(diffs: Iterable<Uint8Array>, gc = true): Y.Doc {
  const doc = new Y.Doc({ gc });
  for (const diff of diffs) Y.applyUpdate(doc, diff);
  return doc;
}

/** What a removed version held, folded into the version after it. */
export function mergeDiffs(removed: Uint8Array, next: Uint8Array): Uint8Array {
  return Y.mergeUpdates([removed, next]);
}

/** The Yjs client ids with new structs in a diff (its contributors, through DocumentClient). */
export function clientsOf(diff: Uint8Array): number[] {
  return [...Y.parseUpdateMeta(diff).to.keys()];
}

export function encodeClientIds(clients: number[]): string {
  return clients.join(" ");
}

export function decodeClientIds(text: string): number[] {
  return text === "" ? [] : text.split(" ").map(Number);
}

/** True when the two snapshots hold the same document (nothing written or deleted in between). */
export function sameSnapshot(a: Uint8Array, b: Uint8Array): boolean {
  return Y.equalSnapshots(Y.decodeSnapshot(a), Y.decodeSnapshot(b));
}
