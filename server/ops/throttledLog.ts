// A log line per kind of failure per interval, saying how many like it were left out meanwhile: while
// Redis is away every keystroke's publish can fail, and the log should say so once in a while, not
// thousands of times a minute. The counters on /metrics hold the exact numbers.
import type { Logger } from "../log";

const DEFAULT_INTERVAL_MS = 30_000;

export class ThrottledLog {
  private readonly lastByKind = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly log: Logger,
    private readonly intervalMs = DEFAULT_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Logs at warn level unless a line of the same `kind` was logged less than the interval ago. */
  warn(kind: string, fields: Record<string, unknown>, message: string): void {
    const at = this.now();
    const last = this.lastByKind.get(kind);
    if (last && at - last.at < this.intervalMs) {
      last.suppressed++;
      return;
    }
    this.lastByKind.set(kind, { at, suppressed: 0 });
    this.log.warn(last?.suppressed ? { ...fields, suppressedSinceLast: last.suppressed } : fields, message);
  }
}
