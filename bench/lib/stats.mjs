// Percentiles and compact samples.
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  const round = (v) => (v === null ? null : Math.round(v * 1000) / 1000);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.length ? sorted[sorted.length - 1] : null),
  };
}

/** Keeps at most `cap` samples, evenly thinned (deterministic, keeps the distribution's shape). */
export function thin(samples, cap) {
  if (samples.length <= cap) return samples;
  const sorted = Float64Array.from(samples).sort();
  const out = new Array(cap);
  for (let i = 0; i < cap; i++) out[i] = sorted[Math.floor((i * sorted.length) / cap)];
  return out;
}

export const now = () => performance.now();
