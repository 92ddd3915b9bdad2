// A seeded editing trace: a typist at a moving cursor, mostly inserting, sometimes deleting,
// sometimes jumping elsewhere. Same seed, same edits, on every server.
export function rng(seed) {
  // mulberry32: small, fast and good enough for choosing edits.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = "the quick brown fox jumps over a lazy dog while we write notes together in tandem".split(" ");

export class EditingTrace {
  constructor(seed) {
    this.random = rng(seed);
    this.cursor = 0;
  }

  /** Applies the next edit to `ytext` (inside the caller's transaction). */
  step(ytext) {
    const length = ytext.length;
    const r = this.random();
    if (r < 0.03 && length > 0) this.cursor = Math.floor(this.random() * length); // click elsewhere
    this.cursor = Math.min(this.cursor, length);
    if (r > 0.85 && this.cursor > 0) {
      const n = Math.min(this.cursor, 1 + Math.floor(this.random() * 3)); // backspace
      ytext.delete(this.cursor - n, n);
      this.cursor -= n;
    } else {
      const word = WORDS[Math.floor(this.random() * WORDS.length)];
      const text = r < 0.6 ? word[Math.floor(this.random() * word.length)] : word + " ";
      ytext.insert(this.cursor, text);
      this.cursor += text.length;
    }
  }
}
