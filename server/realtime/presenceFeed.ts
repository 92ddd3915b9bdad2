// Tells every member's dashboard and open editor who has a document open (presence:doc), from the
// reports the collaboration rooms of every instance put on the bus (presenceReporter.ts).
import type { Db } from "../db/client";
import type { Logger } from "../log";
import type { DocumentPresence, PresenceUser } from "../../lib/realtime/events";
import { sortUsers } from "./presence";
import { PRESENCE_REFRESH_MS } from "./presenceReporter";
import { PresenceReports } from "./presenceReports";
import { userRoom } from "./rooms";
import type { TandemIo } from "./types";

export class PresenceFeed {
  readonly reports: PresenceReports;
  private readonly timer: NodeJS.Timeout;
  /** Documents with a presence:doc under way; true when another change came in meanwhile. */
  private readonly emitting = new Map<string, boolean>();

  constructor(
    private readonly io: TandemIo,
    private readonly db: Db,
    private readonly log: Logger,
    now: () => number = Date.now,
  ) {
    this.reports = new PresenceReports(now);
    // Drop the reports of instances that stopped renewing them (they died).
    this.timer = setInterval(() => {
      for (const documentId of this.reports.expire()) this.changed(documentId);
    }, PRESENCE_REFRESH_MS);
    this.timer.unref();
  }

  /** An instance reported (bus event, from this instance or another through Redis). */
  onReport(instanceId: string, documentId: string, users: PresenceUser[]): void {
    if (this.reports.record(instanceId, documentId, users)) this.changed(documentId);
  }

  forgetDocument(documentId: string): void {
    this.reports.forgetDocument(documentId);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Presence for every document the user is a member of that someone has open. */
  async forUser(userId: string): Promise<DocumentPresence[]> {
    const rows = await this.db.membership.findMany({ where: { userId }, select: { documentId: true } });
    return rows.map((r) => ({ documentId: r.documentId, users: this.usersIn(r.documentId) })).filter((p) => p.users.length > 0);
  }

  /** Everyone present on any instance, each person once. */
  usersIn(documentId: string): PresenceUser[] {
    const unique = new Map<string, PresenceUser>();
    for (const user of this.reports.usersIn(documentId)) unique.set(user.id, user);
    return sortUsers([...unique.values()]);
  }

  /**
   * One presence:doc at a time per document: the member lookup is awaited, and a burst of joins must
   * not become a burst of queries. What is sent is read after the lookup, so the last one is current.
   */
  private changed(documentId: string): void {
    if (this.emitting.has(documentId)) return void this.emitting.set(documentId, true);
    this.emitting.set(documentId, false);
    this.emit(documentId)
      .catch((err) => this.log.error({ err, documentId }, "presence update failed"))
      .finally(() => {
        const again = this.emitting.get(documentId);
        this.emitting.delete(documentId);
        if (again) this.changed(documentId);
      });
  }

  private async emit(documentId: string): Promise<void> {
    const members = await this.db.membership.findMany({ where: { documentId }, select: { userId: true } });
    if (members.length === 0) return;
    // Our own sockets only (io.local): every instance hears every report and emits to its sockets.
    this.io.local.to(members.map((m) => userRoom(m.userId))).emit("presence:doc", { documentId, users: this.usersIn(documentId) });
  }
}
