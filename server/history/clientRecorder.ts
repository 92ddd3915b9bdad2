// Which account each Yjs client id of a document belongs to, learnt from accepted peer updates and
// kept in DocumentClient, once per client id. The collab server calls `accepted` for every peer update
// after it was broadcast; the common case (one more change from a client id we already know for that
// account) costs two varint reads and a map lookup. Anything else is parsed a moment later, off the
// frame's path, and the new rows are written in one batch.
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import type { Db } from "../db/client";
import type { Logger } from "../log";

/** Known client ids across documents before the memory is dropped (rows stay; re-learning is a no-op). */
const KNOWN_MAX = 50_000;

type Pending = { documentId: string; update: Uint8Array; accountId: string };

export class ClientRecorder {
  /** documentId → clientId → accountId, for the ones already stored. */
  private readonly known = new Map<string, Map<number, string>>();
  private knownCount = 0;
  private pending: Pending[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  /** An update from a peer signed in as `accountId` was accepted (hot path: see the header). */
  accepted(documentId: string, update: Uint8Array, accountId: string): void {
    if (this.alreadyKnown(documentId, update, accountId)) return;
    this.pending.push({ documentId, update, accountId });
    this.scheduled ??= setImmediate(() => {
      this.scheduled = undefined;
      this.writing = this.writing.then(() => this.write());
    });
  }

  /** Resolves once everything accepted so far is stored (a version is about to name its contributors). */
  async flush(): Promise<void> {
    if (this.scheduled) {
      clearImmediate(this.scheduled);
      this.scheduled = undefined;
      this.writing = this.writing.then(() => this.write());
    }
    await this.writing;
  }

  /** Records an account for a client id the server made itself (a restore or a copy, see content.ts). */
  async record(documentId: string, clientId: number, accountId: string): Promise<void> {
    await this.store([{ documentId, clientId, accountId }]);
  }

  /** One client id, already stored for this account: nothing to do. Reads only the update's header. */
  private alreadyKnown(documentId: string, update: Uint8Array, accountId: string): boolean {
    const clients = this.known.get(documentId);
    if (!clients) return false;
    try {
      const decoder = decoding.createDecoder(update);
      const groups = decoding.readVarUint(decoder);
      if (groups === 0) return true; // deletions only: no new text to attribute
      if (groups !== 1) return false;
      decoding.readVarUint(decoder); // number of structs
      return clients.get(decoding.readVarUint(decoder)) === accountId;
    } catch {
      return false; // parsed (and skipped) properly later
    }
  }

  private async write(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const rows = new Map<string, { documentId: string; clientId: number; accountId: string }>();
    for (const { documentId, update, accountId } of batch) {
      let clients: number[];
      try {
        clients = [...Y.parseUpdateMeta(update).to.keys()];
      } catch {
        continue; // the room applied it, so this cannot happen; a bad one is simply not attributed
      }
      const known = this.known.get(documentId);
      for (const clientId of clients) {
        if (known?.has(clientId)) continue;
        rows.set(`${documentId} ${clientId}`, { documentId, clientId, accountId });
      }
    }
    await this.store([...rows.values()]);
  }

  private async store(rows: { documentId: string; clientId: number; accountId: string }[]): Promise<void> {
    for (const row of rows) {
      try {
        // The first account seen with a client id keeps it (another instance may have written it first).
        const stored = await this.db.documentClient.upsert({
          where: { documentId_clientId: { documentId: row.documentId, clientId: BigInt(row.clientId) } },
          create: { documentId: row.documentId, clientId: BigInt(row.clientId), accountId: row.accountId },
          update: {},
          select: { accountId: true },
        });
        this.remember(row.documentId, row.clientId, stored.accountId);
      } catch (err) {
        // The document was purged meanwhile (foreign key), or the database is away: attribution only.
        this.log.warn({ err, documentId: row.documentId }, "history: could not record who a Yjs client is");
      }
    }
  }

  private remember(documentId: string, clientId: number, accountId: string): void {
    if (this.knownCount >= KNOWN_MAX) {
      this.known.clear();
      this.knownCount = 0;
    }
    let clients = this.known.get(documentId);
    if (!clients) this.known.set(documentId, (clients = new Map()));
    if (!clients.has(clientId)) this.knownCount++;
    clients.set(clientId, accountId);
  }
}
