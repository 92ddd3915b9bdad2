// Compare two points of a document's history: walks the document's top-level blocks in order,
// deleted ones included, and says of each stretch of text whether it is the same, added or removed
// between `from` and `to`, and which Yjs client wrote it. The doc must hold every item of both points
// with its content (built with gc: false from the version chain, see versionChain.ts); `from` and `to`
// are Yjs snapshots (state vector + delete set) of the two points.
import * as Y from "yjs";
import type { RunChange } from "../../lib/contracts/history";
import { EDITOR_FIELD } from "../collab/documentText";

export type RawRun = { text: string; change: RunChange; client: number | null; clock: number | null };
export type RawBlock = { type: string; attrs?: Record<string, unknown>; runs: RawRun[] };

/** A Yjs struct as we read it (Item is not exported by yjs' typings in a usable way). */
type ItemLike = { id: Y.ID; deleted: boolean; right: ItemLike | null; content: { type?: unknown } };

function visible(item: ItemLike, snap: Y.Snapshot): boolean {
  return item.id.clock < (snap.sv.get(item.id.client) ?? 0) && !Y.isDeleted(snap.ds, item.id);
}

function changeOf(item: ItemLike, from: Y.Snapshot, to: Y.Snapshot): RunChange | null {
  const inFrom = visible(item, from);
  const inTo = visible(item, to);
  if (inFrom && inTo) return "same";
  if (inTo) return "added";
  if (inFrom) return "removed";
  return null; // written and deleted in between (or never in either): not part of the comparison
}

/** Every child of a type in order, deleted ones included (toArray() skips those). */
function children(type: Y.XmlFragment | Y.XmlElement): ItemLike[] {
  const out: ItemLike[] = [];
  for (let n = (type as unknown as { _start: ItemLike | null })._start; n !== null; n = n.right) out.push(n);
  return out;
}

function pushRun(runs: RawRun[], run: RawRun): void {
  if (run.text === "") return;
  const last = runs.at(-1);
  if (last && last.change === run.change && last.client === run.client) last.text += run.text;
  else runs.push(run);
}

/** The runs of one text node: Yjs splits and labels them (ychange) for us. */
function textRuns(text: Y.XmlText, from: Y.Snapshot, to: Y.Snapshot, runs: RawRun[]): void {
  const delta = text.toDelta(to, from, (type: "added" | "removed", id: Y.ID) => ({ type, user: id.client, clock: id.clock })) as Array<{
    insert?: unknown;
    attributes?: { ychange?: { type: RunChange; user: number; clock: number } };
  }>;
  for (const op of delta) {
    if (typeof op.insert !== "string") continue; // embeds carry no text
    const y = op.attributes?.ychange;
    pushRun(runs, { text: op.insert, change: y?.type ?? "same", client: y ? y.user : null, clock: y ? y.clock : null });
  }
}

/** Text of an element and its descendants; nested blocks (list items) are separated by a line break. */
function elementRuns(el: Y.XmlElement, from: Y.Snapshot, to: Y.Snapshot, runs: RawRun[]): void {
  let first = true;
  for (const item of children(el)) {
    const change = changeOf(item, from, to);
    if (change === null) continue;
    const type = item.content.type;
    if (type instanceof Y.XmlText) textRuns(type, from, to, runs);
    else if (type instanceof Y.XmlElement) {
      if (!first) pushRun(runs, { text: "\n", change, client: change === "same" ? null : item.id.client, clock: change === "same" ? null : item.id.clock });
      elementRuns(type, from, to, runs);
    }
    first = false;
  }
}

/** The blocks of the document between the two points, in document order. */
export function compareBlocks(doc: Y.Doc, from: Y.Snapshot, to: Y.Snapshot, field = EDITOR_FIELD): RawBlock[] {
  const blocks: RawBlock[] = [];
  doc.transact(() => {
    for (const item of children(doc.getXmlFragment(field))) {
      const change = changeOf(item, from, to);
      if (change === null) continue;
      const type = item.content.type;
      if (!(type instanceof Y.XmlElement)) continue; // Tiptap keeps only elements at the top
      const runs: RawRun[] = [];
      elementRuns(type, from, to, runs);
      // A removed block's attributes are read as they were; attributes are not compared (formatting).
      const attrs = type.getAttributes(change === "removed" ? from : to);
      const block: RawBlock = { type: type.nodeName, runs };
      if (Object.keys(attrs).length > 0) block.attrs = attrs;
      // An empty block still tells its change (an added empty line shows as added).
      if (runs.length === 0) block.runs.push({ text: "", change, client: change === "same" ? null : item.id.client, clock: null });
      blocks.push(block);
    }
  });
  return blocks;
}
