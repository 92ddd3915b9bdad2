// Who has which document open on this instance, counted from the collaboration rooms' joins and
// leaves: per document, per account, so one account with three tabs is there once, and a viewer
// counts like anyone else. Idempotent per connection, so a leave told twice cannot remove a tab
// that is still open.
import type { PresenceUser } from "../../lib/realtime/events";

/** What presence needs of a room's peer (server/collab/peer.ts); the object itself is the key. */
export type PresentPeer = { readonly userId: string; readonly userName: string };

type Account = { name: string; connections: Set<PresentPeer> };

export class LocalPresence {
  private readonly byDocument = new Map<string, Map<string, Account>>();

  /** True when this made the account present in the document (its first connection there). */
  joined(documentId: string, peer: PresentPeer): boolean {
    let accounts = this.byDocument.get(documentId);
    if (!accounts) this.byDocument.set(documentId, (accounts = new Map()));
    const account = accounts.get(peer.userId);
    if (account) {
      account.connections.add(peer);
      return false;
    }
    accounts.set(peer.userId, { name: peer.userName, connections: new Set([peer]) });
    return true;
  }

  /** True when this was the account's last connection to the document. */
  left(documentId: string, peer: PresentPeer): boolean {
    const accounts = this.byDocument.get(documentId);
    const account = accounts?.get(peer.userId);
    if (!accounts || !account?.connections.delete(peer)) return false;
    if (account.connections.size > 0) return false;
    accounts.delete(peer.userId);
    if (accounts.size === 0) this.byDocument.delete(documentId);
    return true;
  }

  usersIn(documentId: string): PresenceUser[] {
    const accounts = this.byDocument.get(documentId);
    if (!accounts) return [];
    return sortUsers([...accounts].map(([id, account]) => ({ id, name: account.name })));
  }

  /** Documents someone has open here. */
  documents(): string[] {
    return [...this.byDocument.keys()];
  }
}

/** The one order every list of present people is shown in (by name, then id). */
export function sortUsers(users: PresenceUser[]): PresenceUser[] {
  return users.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
