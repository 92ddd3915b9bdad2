// Every event that crosses channels (HTTP API → socket.io, SSE, collab), typed once.
import type { CommentView, NotificationView, PresenceUser } from "../../lib/realtime/events";
import type { DocumentSummary, Role } from "../../lib/documents";
export type { DocumentSummary, Role };

export type BusEvent =
  | { type: "document.created"; document: DocumentSummary; userIds: string[] }
  | { type: "document.updated"; document: DocumentSummary; userIds: string[] }
  // Moved to the trash (or, before the trash existed, deleted): every channel lets go of it at once.
  | { type: "document.deleted"; documentId: string; title: string; userIds: string[]; byUserId: string }
  // Back from the trash: its members get it back in their lists, search reads it again.
  | { type: "document.restored"; document: DocumentSummary; userIds: string[] }
  | {
      type: "membership.changed";
      documentId: string;
      title: string;
      userId: string;
      role: Role | null;
      previousRole: Role | null;
      byUserId: string;
      byUserName: string;
      /** Worked out from a parent page (server/domain/inheritedAccess.ts), not granted on this page itself. */
      inherited?: boolean;
    }
  // The page tree changed for these accounts (a page moved, reordered, made, renamed, trashed, its
  // inheritance switched): their open trees refetch (socket.io "pages:changed").
  | { type: "pages.changed"; userIds: string[]; pageIds: string[] }
  | { type: "announcements.changed"; eventId?: number }
  | { type: "announcement.dismissed"; announcementId: string; userId: string }
  // "I have read this": every stream of that account drops it (as a dismissal does).
  | { type: "announcement.acknowledged"; announcementId: string; userId: string }
  // Its reach figures changed (seen, dismissed, acknowledged, delivered): administrators' pages refresh them.
  | { type: "announcement.reach"; announcementId: string }
  // An administrator's reminder: show it again, now, to these accounts (those who have not acknowledged).
  | { type: "announcement.remind"; announcementId: string; userIds: string[] }
  | { type: "comment.upserted"; documentId: string; comment: CommentView }
  | { type: "comment.removed"; documentId: string; commentIds: string[] }
  // A version was made, named, renamed, deleted or restored: open history panels reload the list.
  | { type: "versions.changed"; documentId: string }
  | { type: "notification.created"; userId: string; notification: NotificationView }
  // Notifications deleted because their subject went away; `unread` is the user's count after.
  | { type: "notification.removed"; userId: string; notificationIds: string[]; unread: number }
  // A session ended (sign-out) or an access token was revoked: connections opened with it end now.
  // `credentialId` is the credential's keyed hash (as stored), never the secret itself.
  | { type: "credential.revoked"; credentialId: string }
  // An administrator deactivated the account: every connection of it, with any credential, ends now.
  | { type: "account.deactivated"; userId: string }
  // Reactivated: new sign-ins count again, even within the authority's memory of the deactivation.
  | { type: "account.reactivated"; userId: string }
  // A share link stopped working (revoked): connections that came in through it end now, on every channel.
  | { type: "share-link.revoked"; documentId: string; linkId: string }
  // A share link's role changed: connections that came in through it reconnect with the new role.
  | { type: "share-link.changed"; documentId: string; linkId: string; role: "editor" | "viewer" }
  // Who has a document open on one instance (its collaboration rooms); instances merge each other's reports.
  | { type: "presence.changed"; instanceId: string; documentId: string; users: PresenceUser[] };

export type BusEventType = BusEvent["type"];
