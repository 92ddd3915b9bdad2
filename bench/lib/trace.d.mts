// Types of trace.mjs, so the TypeScript tests reuse the bench's seeded generator (test/collab/convergence.test.ts).
import type * as Y from "yjs";

/** mulberry32: the same sequence of numbers in [0, 1) for the same seed. */
export function rng(seed: number): () => number;

export class EditingTrace {
  constructor(seed: number);
  random: () => number;
  cursor: number;
  /** Applies the next edit to `ytext` (inside the caller's transaction). */
  step(ytext: Y.Text | Y.XmlText): void;
}
