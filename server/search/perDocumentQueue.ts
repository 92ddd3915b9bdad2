// Index writes of one document run one after the other (a rename's title and a text read that started
// before it must land in the order they began), while different documents proceed independently.
import type { Logger } from "../log";

export class PerDocumentQueue {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly log: Logger) {}

  /** Runs `job` after the document's earlier jobs; a failure is logged, never thrown. */
  run(documentId: string, what: string, job: () => Promise<void>): Promise<void> {
    const tail = (this.tails.get(documentId) ?? Promise.resolve()).then(job).catch((err) => this.log.warn({ err, documentId }, `search index: ${what} failed`));
    this.tails.set(documentId, tail);
    void tail.finally(() => {
      if (this.tails.get(documentId) === tail) this.tails.delete(documentId);
    });
    return tail;
  }

  /** Resolves once every job queued so far has finished. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.allSettled([...this.tails.values()]);
  }

  get size(): number {
    return this.tails.size;
  }
}
