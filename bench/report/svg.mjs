// A dependency-free SVG chart: the latency distribution (CDF) of each series, log-scaled x axis.
const COLORS = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e"];
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

export function cdfSvg(title, series, { width = 720, height = 360 } = {}) {
  const pad = { l: 56, r: 170, t: 36, b: 44 };
  const w = width - pad.l - pad.r;
  const h = height - pad.t - pad.b;
  const all = series.flatMap((s) => s.samples).filter((v) => v > 0);
  const lo = Math.max(0.01, Math.min(...all, 1));
  const hi = Math.max(...all, lo * 10);
  const x = (v) => pad.l + ((Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * w;
  const y = (q) => pad.t + (1 - q) * h;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${pad.l}" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`,
  ];
  for (let d = Math.floor(Math.log10(lo)); d <= Math.ceil(Math.log10(hi)); d++) {
    const v = 10 ** d;
    if (v < lo || v > hi) continue;
    parts.push(`<line x1="${x(v)}" x2="${x(v)}" y1="${pad.t}" y2="${pad.t + h}" stroke="#ddd"/>`);
    parts.push(`<text x="${x(v)}" y="${pad.t + h + 16}" text-anchor="middle">${v >= 1 ? v : v.toFixed(-d)} ms</text>`);
  }
  for (const q of [0, 0.5, 0.95, 0.99, 1]) {
    parts.push(`<line x1="${pad.l}" x2="${pad.l + w}" y1="${y(q)}" y2="${y(q)}" stroke="#eee"/>`);
    parts.push(`<text x="${pad.l - 6}" y="${y(q) + 4}" text-anchor="end">p${Math.round(q * 100)}</text>`);
  }
  parts.push(`<text x="${pad.l + w / 2}" y="${height - 8}" text-anchor="middle">latency (log scale)</text>`);
  series.forEach((s, i) => {
    const sorted = [...s.samples].sort((a, b) => a - b);
    if (sorted.length === 0) return;
    const step = Math.max(1, Math.floor(sorted.length / 400));
    const points = [];
    for (let k = 0; k < sorted.length; k += step) points.push(`${x(sorted[k]).toFixed(1)},${y((k + 1) / sorted.length).toFixed(1)}`);
    points.push(`${x(sorted.at(-1)).toFixed(1)},${y(1).toFixed(1)}`);
    const color = COLORS[i % COLORS.length];
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.join(" ")}"/>`);
    parts.push(`<rect x="${pad.l + w + 14}" y="${pad.t + i * 20}" width="12" height="12" fill="${color}"/>`);
    parts.push(`<text x="${pad.l + w + 32}" y="${pad.t + i * 20 + 10}">${esc(s.name)} (n=${sorted.length})</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n");
}
