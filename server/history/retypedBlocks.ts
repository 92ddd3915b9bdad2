// A block whose type changed (a paragraph turned into a heading, lines turned into a list) is, in
// Yjs, a new element holding the same text, written where the old one was deleted (y-prosemirror
// replaces an element whose node type differs). Compare would show the text removed and added again;
// these are found here and shown as what the user did: the same text, formatted differently, by the
// writer of the new block.
import type { RawBlock, RawRun } from "./compare";

type Whole = "added" | "removed";

/** "added" or "removed" when every run of the block is; null for anything else. */
function wholly(block: RawBlock): Whole | null {
  const first = block.runs[0]?.change;
  if (first !== "added" && first !== "removed") return null;
  return block.runs.every((r) => r.change === first) ? first : null;
}

const textOf = (blocks: RawBlock[]) => blocks.map((b) => b.runs.map((r) => r.text).join("")).join("\n");

/** The new block shown unchanged in its text, with a formatting change saying what it was. */
function asRetyped(block: RawBlock, was: RawBlock): RawBlock {
  const writer = block.runs.find((r) => r.client !== null);
  const runs: RawRun[] = block.runs.map((r) => ({ text: r.text, change: "same", client: null, clock: null, deletion: null }));
  return {
    type: block.type,
    ...(block.attrs ? { attrs: block.attrs } : {}),
    runs,
    format: { client: writer?.client ?? null, clock: writer?.clock ?? null, deletion: null, before: was.attrs ?? {}, typeBefore: was.type },
  };
}

/** One stretch of consecutive wholly added or removed blocks. */
function retypedIn(group: RawBlock[]): RawBlock[] {
  const removed = group.filter((b) => wholly(b) === "removed");
  const added = group.filter((b) => wholly(b) === "added");
  if (removed.length === 0 || added.length === 0) return group;
  // All of it one change of type (three lines made into one list, or one list back into lines).
  if (textOf(removed) === textOf(added) && textOf(added).trim() !== "") return added.map((b) => asRetyped(b, removed[0]));
  // Otherwise pair blocks one to one by their text; the rest stay removed or added.
  const unused = new Set(removed);
  const out: RawBlock[] = [];
  const replaced = new Set<RawBlock>();
  const pairs = new Map<RawBlock, RawBlock>();
  for (const block of added) {
    const text = textOf([block]);
    if (text.trim() === "") continue;
    const match = [...unused].find((r) => textOf([r]) === text);
    if (!match) continue;
    unused.delete(match);
    replaced.add(match);
    pairs.set(block, match);
  }
  for (const block of group) {
    if (replaced.has(block)) continue;
    const was = pairs.get(block);
    out.push(was ? asRetyped(block, was) : block);
  }
  return out;
}

/** The blocks with every retyped block shown as a formatting change (see the header). */
export function mergeRetypedBlocks(blocks: RawBlock[]): RawBlock[] {
  const out: RawBlock[] = [];
  for (let i = 0; i < blocks.length; ) {
    if (wholly(blocks[i]) === null) {
      out.push(blocks[i++]);
      continue;
    }
    let j = i;
    while (j < blocks.length && wholly(blocks[j]) !== null) j++;
    out.push(...retypedIn(blocks.slice(i, j)));
    i = j;
  }
  return out;
}
