// "Who wrote what"'s legend: each author's part of the current text, from GET /compare?from=origin&to=current.
import type { CompareResponse } from "./contracts/history";

export type AuthorShare = { id: string | null; name: string; percent: number };

/** Largest first; whitespace and removed text are not counted; an unknown writer is one entry (id null). */
export function authorShares(result: CompareResponse): AuthorShare[] {
  const names = new Map(result.authors.map((a) => [a.id, a.name]));
  const counts = new Map<string | null, number>();
  let total = 0;
  for (const block of result.blocks) {
    for (const run of block.runs) {
      const n = run.text.replace(/\s/g, "").length;
      if (n === 0 || run.change === "removed") continue;
      counts.set(run.authorId, (counts.get(run.authorId) ?? 0) + n);
      total += n;
    }
  }
  return Array.from(counts, ([id, n]) => ({ id, name: id ? (names.get(id) ?? "A former member") : "Unknown", percent: Math.round((100 * n) / total) })).sort(
    (a, b) => b.percent - a.percent,
  );
}
