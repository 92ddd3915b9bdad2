// Tells every member's dashboard who has a document open (presence:doc), from the tracker's data.
import type { Db } from "../db/client";
import type { DocumentPresence, PresenceUser } from "../../lib/realtime/events";
import type { PresenceTracker } from "./presence";
import { userRoom } from "./rooms";
import type { TandemIo } from "./types";

export class PresenceFeed {
  constructor(
    private readonly io: TandemIo,
    private readonly db: Db,
    readonly tracker: PresenceTracker,
  ) {}

  async publish(documentId: string): Promise<void> {
    const members = await this.db.membership.findMany({ where: { documentId }, select: { userId: true } });
    if (members.length === 0) return;
    const users = this.tracker.usersIn(documentId);
    // Local sockets only: the tracker counts this process's sockets, so every instance reports its own.
    this.io.local.to(members.map((m) => userRoom(m.userId))).emit("presence:doc", { documentId, users });
  }

  /** Presence for every document the user is a member of that someone has open. */
  async forUser(userId: string): Promise<DocumentPresence[]> {
    const rows = await this.db.membership.findMany({ where: { userId }, select: { documentId: true } });
    return rows
      .map((r) => ({ documentId: r.documentId, users: this.tracker.usersIn(r.documentId) }))
      .filter((p) => p.users.length > 0);
  }

  usersIn(documentId: string): PresenceUser[] {
    return this.tracker.usersIn(documentId);
  }
}
