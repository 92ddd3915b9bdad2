// Who has which document open right now. Behind an interface: today it counts this process's
// sockets; with several instances a Redis-backed tracker can implement the same methods.
import type { PresenceUser } from "../../lib/realtime/events";

export interface PresenceTracker {
  /** Each method returns whether the document's set of present users changed. */
  join(documentId: string, socketId: string, user: PresenceUser): boolean;
  leave(documentId: string, socketId: string): boolean;
  /** Removes one user's sockets from a document (their access was revoked). */
  leaveUser(documentId: string, userId: string): boolean;
  /** The socket went away: returns the documents whose set of users changed. */
  leaveEverywhere(socketId: string): string[];
  forgetDocument(documentId: string): void;
  usersIn(documentId: string): PresenceUser[];
  /** Documents someone has open here. */
  documents(): string[];
}

export class LocalPresence implements PresenceTracker {
  private byDocument = new Map<string, Map<string, PresenceUser>>();
  private bySocket = new Map<string, Set<string>>();

  join(documentId: string, socketId: string, user: PresenceUser): boolean {
    return this.changes(documentId, () => {
      let sockets = this.byDocument.get(documentId);
      if (!sockets) this.byDocument.set(documentId, (sockets = new Map()));
      sockets.set(socketId, user);
      let docs = this.bySocket.get(socketId);
      if (!docs) this.bySocket.set(socketId, (docs = new Set()));
      docs.add(documentId);
    });
  }

  leave(documentId: string, socketId: string): boolean {
    return this.changes(documentId, () => this.remove(documentId, socketId));
  }

  leaveUser(documentId: string, userId: string): boolean {
    return this.changes(documentId, () => {
      for (const [socketId, user] of this.byDocument.get(documentId) ?? []) {
        if (user.id === userId) this.remove(documentId, socketId);
      }
    });
  }

  leaveEverywhere(socketId: string): string[] {
    return [...(this.bySocket.get(socketId) ?? [])].filter((documentId) => this.leave(documentId, socketId));
  }

  forgetDocument(documentId: string): void {
    for (const socketId of this.byDocument.get(documentId)?.keys() ?? []) this.bySocket.get(socketId)?.delete(documentId);
    this.byDocument.delete(documentId);
  }

  documents(): string[] {
    return [...this.byDocument.keys()];
  }

  usersIn(documentId: string): PresenceUser[] {
    const unique = new Map<string, PresenceUser>();
    for (const user of this.byDocument.get(documentId)?.values() ?? []) unique.set(user.id, user);
    return [...unique.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  private remove(documentId: string, socketId: string): void {
    const sockets = this.byDocument.get(documentId);
    sockets?.delete(socketId);
    if (sockets?.size === 0) this.byDocument.delete(documentId);
    const docs = this.bySocket.get(socketId);
    docs?.delete(documentId);
    if (docs?.size === 0) this.bySocket.delete(socketId);
  }

  private changes(documentId: string, mutate: () => void): boolean {
    const key = () => this.usersIn(documentId).map((u) => u.id).join(",");
    const before = key();
    mutate();
    return key() !== before;
  }
}
