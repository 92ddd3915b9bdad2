// What no answer may contain, on any channel: a stack frame or a path of the server's files.
const LEAKS: Array<[RegExp, string]> = [
  [/\bat (?:async )?[\w.$<>[\]]+ \((?:file:|node:|\/)/, "a stack frame"],
  [/\n\s+at \S/, "a stack frame"],
  [/node_modules\//, "a node_modules path"],
  [/\/work\/|\/home\/|\/tmp\/tandem-|\/root\//, "a file system path"],
  [/\.[cm]?[jt]sx?:\d+:\d+/, "a source location"],
  [/\b(?:TypeError|RangeError|ReferenceError|SyntaxError|URIError|PrismaClient\w*Error)\b/, "an internal error name"],
];

/** The first leak found in `text`, described; undefined when clean. */
export function leakIn(text: string): string | undefined {
  for (const [re, what] of LEAKS) {
    const m = re.exec(text);
    if (m) return `${what} (${JSON.stringify(text.slice(Math.max(0, m.index - 40), m.index + 80))})`;
  }
  return undefined;
}

export type Failure = { channel: string; seed: number; problem: string; label: string };

/** Fails a run with every failing seed printed, in the form cases.ts keeps them. */
export function report(failures: Failure[]): string {
  return failures.map((f) => `  { channel: "${f.channel}", seed: ${f.seed}, problem: ${JSON.stringify(f.problem.slice(0, 300))} } // ${f.label}`).join("\n");
}
