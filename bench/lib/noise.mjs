// Memory figures that can be trusted: several RSS readings give a median and a spread, a cost is the
// difference of two medians per thing, and a difference inside the readings' spread (or negative, as
// RSS can shrink when the heap is compacted) is reported as "below noise", never as a size or ratio.

/** Median and spread (max − min) of a set of readings. */
export function summarizeReadings(values) {
  if (values.length === 0) throw new Error("no readings");
  const sorted = [...values].sort((a, b) => a - b);
  return { rss: sorted[Math.floor(sorted.length / 2)], spread: sorted[sorted.length - 1] - sorted[0] };
}

/**
 * What each of `count` things costs between two readings, and whether that is inside the noise: a
 * difference smaller than the two readings' spreads together (or negative) says nothing about the cost.
 */
export function costPer(before, after, count) {
  const delta = after.rss - before.rss;
  const noise = before.spread + after.spread;
  return { bytes: Math.round(delta / count), noiseBytes: Math.ceil(noise / count), belowNoise: delta <= noise || delta <= 0 };
}

/** A memory cost in KiB (a number), or the words "below noise (±x)" when it is inside the noise. */
export function kbOrNoise(bytes, noiseBytes, belowNoise) {
  if (bytes === null || bytes === undefined) return null;
  if (belowNoise || bytes <= 0) return `below noise (±${(Math.max(noiseBytes ?? 0, 0) / 1024).toFixed(2)})`;
  return bytes / 1024;
}

/** Tandem ÷ the best peer; only between two positive figures (a string such as "below noise" gives "–"). */
export function ratioText(tandem, peers, better) {
  const usable = peers.filter((v) => typeof v === "number" && v > 0);
  if (!better || typeof tandem !== "number" || tandem <= 0 || usable.length === 0) return "–";
  const best = better === "lower" ? Math.min(...usable) : Math.max(...usable);
  return `${(tandem / best).toFixed(2)}× (${better} is better)`;
}
