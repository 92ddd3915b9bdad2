// Compare two points of a document's history: walks the document's top-level blocks in order,
// deleted ones included, and says of each stretch of text whether it is the same, added, removed or
// only formatted differently between `from` and `to`, and who made that change: the Yjs client that
// wrote it (added), the recorded deletion that removed it (DeletionIndex), or the formatting marker
// that changed it. The doc must hold every item of both points with its content (built with gc: false
// from the version chain, see versionChain.ts); `from` and `to` are Yjs snapshots of the two points.
import * as Y from "yjs";
import type { RunChange } from "../../lib/contracts/history";
import { EDITOR_FIELD } from "../collab/documentText";
import { DeletionIndex } from "./deletionSets";
import { mergeRetypedBlocks } from "./retypedBlocks";

/**
 * client/clock: the item that made the change (written text, or an added formatting marker);
 * deletion: the index of the DeletionIndex record that removed it (text, or a formatting marker).
 */
export type RawRun = { text: string; change: RunChange; client: number | null; clock: number | null; deletion: number | null };
/** before: the block's attributes at `from`; typeBefore: its type then, when the block was retyped (retypedBlocks.ts). */
export type RawFormat = { client: number | null; clock: number | null; deletion: number | null; before: Record<string, unknown>; typeBefore?: string };
export type RawBlock = { type: string; attrs?: Record<string, unknown>; runs: RawRun[]; format?: RawFormat };

/** A Yjs struct as we read it (Item is not exported by yjs' typings in a usable way). */
type ItemLike = {
  id: Y.ID;
  length: number;
  deleted: boolean;
  right: ItemLike | null;
  left: ItemLike | null;
  content: { type?: unknown; str?: string; key?: string; value?: unknown };
};

const NO_DELETIONS = new DeletionIndex([]);

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
function children(type: Y.XmlFragment | Y.XmlElement | Y.XmlText): ItemLike[] {
  const out: ItemLike[] = [];
  for (let n = (type as unknown as { _start: ItemLike | null })._start; n !== null; n = n.right) out.push(n);
  return out;
}

function pushRun(runs: RawRun[], run: RawRun): void {
  if (run.text === "") return;
  const last = runs.at(-1);
  if (last && last.change === run.change && last.client === run.client && last.deletion === run.deletion) last.text += run.text;
  else runs.push(run);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

class Walk {
  constructor(
    readonly from: Y.Snapshot,
    readonly to: Y.Snapshot,
    readonly deletions: DeletionIndex,
  ) {}

  /** Who made a marker's change: its writer when `to` has it, its deleter when only `from` does. */
  markerChange(item: ItemLike): { client: number | null; clock: number | null; deletion: number | null } {
    if (visible(item, this.to)) return { client: item.id.client, clock: item.id.clock, deletion: null };
    return { client: null, clock: null, deletion: this.deletions.stretch(item.id.client, item.id.clock).index };
  }

  /** A removed item, cut where the recorded deleter changes. */
  removed(item: ItemLike, text: string, runs: RawRun[]): void {
    const { client, clock } = item.id;
    let off = 0;
    while (off < text.length) {
      const { index, end } = this.deletions.stretch(client, clock + off);
      const upto = Math.min(text.length, end - clock);
      pushRun(runs, { text: text.slice(off, upto), change: "removed", client, clock: clock + off, deletion: index });
      off = upto;
    }
  }

  /**
   * The runs of one text node. Formatting lives in it as markers (ContentFormat items: "bold from here
   * on"); the attributes in force are followed at both points, as Yjs' own toDelta does for one.
   */
  text(text: Y.XmlText, runs: RawRun[]): void {
    const atFrom = new Map<string, unknown>();
    const atTo = new Map<string, unknown>();
    const changedBy = new Map<string, ItemLike>();
    for (const item of children(text)) {
      const content = item.content;
      if (content instanceof Y.ContentFormat) {
        const inFrom = visible(item, this.from);
        const inTo = visible(item, this.to);
        if (inFrom) content.value === null ? atFrom.delete(content.key) : atFrom.set(content.key, content.value);
        if (inTo) content.value === null ? atTo.delete(content.key) : atTo.set(content.key, content.value);
        if (inFrom !== inTo) changedBy.set(content.key, item);
        continue;
      }
      if (!(content instanceof Y.ContentString)) continue; // embeds carry no text
      const change = changeOf(item, this.from, this.to);
      if (change === null) continue;
      if (change === "removed") {
        this.removed(item, content.str, runs);
        continue;
      }
      if (change === "added") {
        pushRun(runs, { text: content.str, change, client: item.id.client, clock: item.id.clock, deletion: null });
        continue;
      }
      const differs = [...new Set([...atFrom.keys(), ...atTo.keys()])].find((k) => !same(atFrom.get(k), atTo.get(k)));
      const marker = differs === undefined ? undefined : changedBy.get(differs);
      if (differs === undefined) pushRun(runs, { text: content.str, change: "same", client: null, clock: null, deletion: null });
      else pushRun(runs, { text: content.str, change: "formatted", ...(marker ? this.markerChange(marker) : { client: null, clock: null, deletion: null }) });
    }
  }

  /** Text of an element and its descendants; nested blocks (list items) are separated by a line break. */
  element(el: Y.XmlElement, runs: RawRun[]): void {
    let first = true;
    for (const item of children(el)) {
      const change = changeOf(item, this.from, this.to);
      if (change === null) continue;
      const type = item.content.type;
      if (type instanceof Y.XmlText) this.text(type, runs);
      else if (type instanceof Y.XmlElement) {
        if (!first) {
          const by = change === "same" ? null : item.id;
          const deletion = change === "removed" && by ? this.deletions.stretch(by.client, by.clock).index : null;
          pushRun(runs, { text: "\n", change, client: by?.client ?? null, clock: by?.clock ?? null, deletion });
        }
        this.element(type, runs);
      }
      first = false;
    }
  }

  /** A block both points hold whose attributes differ (a heading's level): who changed the first that differs. */
  attributeChange(el: Y.XmlElement): RawFormat | undefined {
    const before = el.getAttributes(this.from) as Record<string, unknown>;
    const after = el.getAttributes(this.to) as Record<string, unknown>;
    const key = [...new Set([...Object.keys(before), ...Object.keys(after)])].find((k) => !same(before[k], after[k]));
    if (key === undefined) return undefined;
    const map = (el as unknown as { _map: Map<string, ItemLike> })._map;
    // The key's entries, newest first; the change is the newest one visible at exactly one point.
    for (let n = map.get(key) ?? null; n !== null; n = n.left) {
      if (visible(n, this.from) !== visible(n, this.to)) return { ...this.markerChange(n), before };
    }
    return { client: null, clock: null, deletion: null, before };
  }
}

/** The blocks of the document between the two points, in document order. */
export function compareBlocks(doc: Y.Doc, from: Y.Snapshot, to: Y.Snapshot, deletions = NO_DELETIONS, field = EDITOR_FIELD): RawBlock[] {
  const walk = new Walk(from, to, deletions);
  const blocks: RawBlock[] = [];
  doc.transact(() => {
    for (const item of children(doc.getXmlFragment(field))) {
      const change = changeOf(item, from, to);
      if (change === null) continue;
      const type = item.content.type;
      if (!(type instanceof Y.XmlElement)) continue; // Tiptap keeps only elements at the top
      const runs: RawRun[] = [];
      walk.element(type, runs);
      // A removed block's attributes are read as they were.
      const attrs = type.getAttributes(change === "removed" ? from : to);
      const block: RawBlock = { type: type.nodeName, runs };
      if (Object.keys(attrs).length > 0) block.attrs = attrs;
      const format = change === "same" ? walk.attributeChange(type) : undefined;
      if (format) block.format = format;
      // An empty block still tells its change (an added empty line shows as added).
      if (runs.length === 0) {
        const by = change === "same" ? null : item.id;
        const deletion = change === "removed" && by ? deletions.stretch(by.client, by.clock).index : null;
        block.runs.push({ text: "", change, client: by?.client ?? null, clock: by?.clock ?? null, deletion });
      }
      blocks.push(block);
    }
  });
  return mergeRetypedBlocks(blocks);
}
