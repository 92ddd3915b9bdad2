// How long a deleted document waits in the trash before it is purged for good. The one place this
// number lives: the server's purge, the API's purgeAt and the trash page's "days left" all read it.
export const TRASH_RETENTION_DAYS = 30;
export const TRASH_RETENTION_MS = TRASH_RETENTION_DAYS * 24 * 3600_000;

/** When a document trashed at `deletedAt` is purged. */
export const purgeAt = (deletedAt: Date): Date => new Date(deletedAt.getTime() + TRASH_RETENTION_MS);

/** Whole days left before the purge, never below 0 (a purge may run up to an hour late). */
export function daysLeft(purgeAtIso: string, now = Date.now()): number {
  return Math.max(0, Math.ceil((Date.parse(purgeAtIso) - now) / (24 * 3600_000)));
}

/** The document page deletes, then opens the dashboard with ?trashed=<id> so the Undo is offered there. */
export const TRASHED_PARAM = "trashed";
