// Accounts whose update broke a room's copy in memory, per document, for a while: each reload makes
// everyone in the room reconnect, so one account may cause it once, not in a loop.
import { BAR_AFTER_CORRUPTION_MS } from "./limits";

/** Bounded: past this many bars all are forgotten (a bar is a courtesy to the others, not a defence). */
const MAX_BARS = 10_000;

export class ReloadBars {
  /** Until when (performance.now()) each `documentId\nuserId` is barred. */
  private readonly until = new Map<string, number>();

  bar(documentId: string, userId: string): void {
    if (this.until.size > MAX_BARS) this.until.clear();
    this.until.set(`${documentId}\n${userId}`, performance.now() + BAR_AFTER_CORRUPTION_MS);
  }

  isBarred(documentId: string, userId: string): boolean {
    const key = `${documentId}\n${userId}`;
    const until = this.until.get(key);
    if (until === undefined) return false;
    if (until > performance.now()) return true;
    this.until.delete(key);
    return false;
  }
}
