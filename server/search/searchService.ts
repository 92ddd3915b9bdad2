// Search: keeps the index in step with the documents and answers queries. Text follows live editing
// (the collab server reports every accepted update to `edited`; the debouncer decides when to read),
// titles follow renames, rows go with deleted documents, and at start every document whose text
// changed since it was last read (or was never read) is read again. Who may see a result is decided
// by the query itself, at query time (membership), so lost access is never a stale index entry.
import type { Db } from "../db/client";
import type { EventBus } from "../bus/bus";
import type { Logger } from "../log";
import type { AuthUser } from "../auth/auth";
import type { SearchResult } from "../../lib/contracts/search";
import { SEARCH_RESULTS_MAX } from "../../lib/contracts/search";
import { highlightRanges, queryTerms, snippet } from "../../lib/search/highlight";
import type { SearchIndex } from "./searchIndex";
import type { TextSource } from "./textSource";
import { EditDebouncer, type DebounceTiming } from "./editDebouncer";
import { PerDocumentQueue } from "./perDocumentQueue";

/** Read a document ≤ 1.5 s after its last edit, and at least every 4 s while typing goes on. */
export const DEFAULT_SEARCH_TIMING: DebounceTiming = { quietMs: 1_500, maxWaitMs: 4_000 };
/** Only the beginning of an enormous document is indexed (a tsvector holds at most 1 MB). */
export const INDEXED_TEXT_MAX = 200_000;

export type SearchStats = { indexed: number; failed: number; caughtUp: number; pending: number };

export class SearchService {
  private readonly queue: PerDocumentQueue;
  private readonly debouncer: EditDebouncer;
  private unsubscribe: (() => void) | undefined;
  private catchUpDone: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly counts = { indexed: 0, failed: 0, caughtUp: 0 };

  constructor(
    private readonly deps: { db: Db; bus: EventBus; log: Logger; index: SearchIndex; text: TextSource },
    timing: DebounceTiming = DEFAULT_SEARCH_TIMING,
  ) {
    this.queue = new PerDocumentQueue(deps.log);
    this.debouncer = new EditDebouncer(timing, (documentId) => this.queue.run(documentId, "reading text", () => this.indexText(documentId)));
  }

  /** The collab server accepted an update to the document (hot path: no reading here, see EditDebouncer). */
  edited(documentId: string, now: number): void {
    this.debouncer.edited(documentId, now);
  }

  /** Follows titles and deletions on the bus, and reads in the background what changed while we were down. */
  start(): void {
    this.unsubscribe = this.deps.bus.subscribe((event, meta) => {
      if (!meta.local) return; // the instance where it happened updates the shared index
      switch (event.type) {
        case "document.created":
        case "document.updated":
          void this.queue.run(event.document.id, "storing the title", () => this.deps.index.putTitle(event.document.id, event.document.title));
          return;
        case "document.deleted":
          this.debouncer.cancel(event.documentId);
          void this.queue.run(event.documentId, "removing", () => this.deps.index.remove(event.documentId));
          return;
        case "document.restored": // back from the trash (its entry went when it was trashed): read it again
          void this.queue.run(event.document.id, "reading text", () => this.indexText(event.document.id));
          return;
        default:
          return;
      }
    });
    this.catchUpDone = this.catchUp().catch((err) => this.deps.log.error({ err }, "search index: catching up failed"));
  }

  /** The caller's documents matching `q`, best first, each with a highlighted excerpt. */
  async search(user: AuthUser, q: string): Promise<SearchResult[]> {
    const terms = queryTerms(q);
    if (terms.length === 0) return []; // only punctuation: nothing a word index can match
    const hits = await this.deps.index.query(user.id, terms, SEARCH_RESULTS_MAX);
    return hits.map((hit) => {
      const excerpt = snippet(hit.body, terms);
      return { id: hit.id, title: hit.title, snippet: excerpt.text, highlights: excerpt.highlights, titleHighlights: highlightRanges(hit.title, terms) };
    });
  }

  stats(): SearchStats {
    return { ...this.counts, pending: this.debouncer.pending + this.queue.size };
  }

  /** Resolves once the start-up catch-up has finished (tests, the bench). */
  caughtUp(): Promise<void> {
    return this.catchUpDone;
  }

  /** Shutdown, before the collab rooms close: what is waiting is read now, then nothing more. */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    await this.debouncer.flush();
    await this.catchUpDone;
    await this.queue.idle();
  }

  private async indexText(documentId: string): Promise<void> {
    // Taken before reading: an edit after this moment makes Document.updatedAt later, so a crash before
    // the next read is caught up at start.
    const indexedAt = Date.now();
    const [doc, text] = await Promise.all([
      this.deps.db.document.findUnique({ where: { id: documentId, deletedAt: null }, select: { title: true } }),
      this.deps.text(documentId),
    ]);
    if (!doc || text === null) {
      await this.deps.index.remove(documentId);
      return;
    }
    try {
      await this.deps.index.put({ documentId, title: doc.title, body: text.slice(0, INDEXED_TEXT_MAX), indexedAt });
      this.counts.indexed++;
    } catch (err) {
      this.counts.failed++;
      throw err;
    }
  }

  private async catchUp(): Promise<void> {
    const [documents, indexed] = await Promise.all([
      this.deps.db.document.findMany({ where: { deletedAt: null }, select: { id: true, updatedAt: true } }), // not the trash
      this.deps.index.indexedTimes(),
    ]);
    const stale = documents.filter((d) => (indexed.get(d.id) ?? -1) < d.updatedAt.getTime());
    if (stale.length > 0) this.deps.log.info({ documents: stale.length }, "search index: reading documents changed since last indexed");
    // One at a time: this runs beside live traffic and must not crowd it out.
    for (const { id } of stale) {
      if (this.closed) return;
      await this.queue.run(id, "catching up", () => this.indexText(id));
      this.counts.caughtUp++;
    }
  }
}
