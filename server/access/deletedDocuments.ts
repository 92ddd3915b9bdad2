// Who was a member of a recently deleted document. Deleting a document deletes its memberships too,
// so without this a former member reopening it (a reconnect that missed the close, a stale tab) could
// only be told 4403 "not a member"; with it they are told 4404 "deleted". Only the members named in
// the `document.deleted` event learn this, so a stranger still cannot tell a deleted id from any other.
// Kept in memory on every instance (the event reaches all of them), bounded, forgotten on restart.

export const DELETED_DOCUMENTS_KEPT = 10_000;
export const DELETED_DOCUMENT_TTL_MS = 7 * 24 * 3600_000;

export class DeletedDocuments {
  /** Insertion order is deletion order, so the first entry is always the oldest. */
  private readonly members = new Map<string, { userIds: Set<string>; at: number }>();

  constructor(
    private readonly capacity = DELETED_DOCUMENTS_KEPT,
    private readonly ttlMs = DELETED_DOCUMENT_TTL_MS,
  ) {}

  remember(documentId: string, userIds: string[], now = Date.now()): void {
    this.members.delete(documentId);
    this.members.set(documentId, { userIds: new Set(userIds), at: now });
    while (this.members.size > this.capacity) this.members.delete(this.members.keys().next().value!);
  }

  /** The document is back (restored from the trash). */
  forget(documentId: string): void {
    this.members.delete(documentId);
  }

  /** True when `userId` was a member of `documentId` when it was deleted (recently). */
  wasMember(documentId: string, userId: string, now = Date.now()): boolean {
    const entry = this.members.get(documentId);
    if (!entry) return false;
    if (now - entry.at > this.ttlMs) {
      this.members.delete(documentId);
      return false;
    }
    return entry.userIds.has(userId);
  }
}
