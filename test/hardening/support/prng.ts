// A small seeded PRNG (mulberry32) with the picks the fuzzers need. Every input is generated from its
// own 32-bit seed, so one printed seed reproduces one input exactly, whatever ran before it.

export class Rng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** [0, 1) */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Picks by weight: `[[weight, value], ...]`. */
  weighted<T>(entries: ReadonlyArray<readonly [number, T]>): T {
    const total = entries.reduce((sum, [w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [w, v] of entries) if ((r -= w) < 0) return v;
    return entries[entries.length - 1][1];
  }

  bytes(n: number): Buffer {
    const b = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }

  /** A length that is usually small and sometimes very large (log-uniform up to `max`). */
  size(max: number): number {
    return Math.min(max, Math.floor(Math.exp(this.next() * Math.log(max + 1))) - 1);
  }

  /** A string of `n` characters from `alphabet`. */
  chars(n: number, alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"): string {
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }

  /** Awkward text: unicode of every plane, lone surrogates, controls, bidi marks, NUL, markup. */
  nastyString(maxLen = 40): string {
    const pieces = [
      "\ud800",
      "\udfff",
      "\ud83d",
      "\ude00",
      "😀",
      "\u0000",
      "\u202e",
      "\ufeff",
      "\u200b",
      "\r\n",
      "\t",
      "é",
      "𝔘𝔫𝔦",
      "中文",
      "\uffff",
      "\\",
      '"',
      "'",
      "<script>",
      "%ZZ",
      "%00",
      "../",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal template placeholder is one of the hostile inputs
      "${x}",
      "{{x}}",
      "\u0085",
      "\u2028",
    ];
    let s = "";
    const n = this.range(0, maxLen);
    for (let i = 0; i < n; i++) s += this.chance(0.5) ? this.pick(pieces) : String.fromCharCode(this.int(0x10000));
    return s;
  }
}

/** The seed of input `index` of the run seeded `runSeed` (a 32-bit mix, so neighbours differ entirely). */
export function inputSeed(runSeed: number, index: number): number {
  let h = (runSeed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Short inside `npm test`, long with HARDENING_LONG=1; one code path, two sizes. */
export const LONG = process.env.HARDENING_LONG === "1";

/** The run's seed: HARDENING_SEED when given; fixed for the short run (repeatable in CI), fresh for the long one. */
export function runSeed(fixed: number): number {
  const given = process.env.HARDENING_SEED;
  if (given) return Number(given) >>> 0;
  return LONG ? (Date.now() ^ (process.pid << 16)) >>> 0 : fixed;
}
