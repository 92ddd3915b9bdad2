// Tells every member's dashboard who has a document open (presence:doc), from the tracker's data.
import crypto from "node:crypto";
import type { Db } from "../db/client";
import type { EventBus } from "../bus/bus";
import type { DocumentPresence, PresenceUser } from "../../lib/realtime/events";
import type { PresenceTracker } from "./presence";
import { PRESENCE_REFRESH_MS, RemotePresence } from "./remotePresence";
import { userRoom } from "./rooms";
import type { TandemIo } from "./types";

export class PresenceFeed {
  private readonly instanceId = crypto.randomUUID();
  readonly remote = new RemotePresence();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly io: TandemIo,
    private readonly db: Db,
    readonly tracker: PresenceTracker,
    private readonly bus: EventBus,
  ) {
    // Keep our reports alive on other instances, and drop theirs when they stop renewing.
    this.timer = setInterval(() => this.refresh(), PRESENCE_REFRESH_MS);
    this.timer.unref();
  }

  /** Local presence of a document changed: tell our sockets and the other instances. */
  async publish(documentId: string): Promise<void> {
    await this.bus.publish({ type: "presence.changed", instanceId: this.instanceId, documentId, users: this.tracker.usersIn(documentId) });
    await this.emit(documentId);
  }

  /** Another instance reported (bus event from Redis). */
  async onRemote(instanceId: string, documentId: string, users: PresenceUser[]): Promise<void> {
    if (instanceId === this.instanceId) return;
    if (this.remote.record(instanceId, documentId, users)) await this.emit(documentId);
  }

  forgetDocument(documentId: string): void {
    this.tracker.forgetDocument(documentId);
    this.remote.forgetDocument(documentId);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async emit(documentId: string): Promise<void> {
    const members = await this.db.membership.findMany({ where: { documentId }, select: { userId: true } });
    if (members.length === 0) return;
    // Our own sockets only (io.local): every instance emits to the sockets it holds.
    this.io.local.to(members.map((m) => userRoom(m.userId))).emit("presence:doc", { documentId, users: this.usersIn(documentId) });
  }

  private refresh(): void {
    for (const documentId of this.remote.expire()) void this.emit(documentId).catch(() => {});
    for (const documentId of this.tracker.documents()) {
      void this.bus
        .publish({ type: "presence.changed", instanceId: this.instanceId, documentId, users: this.tracker.usersIn(documentId) })
        .catch(() => {});
    }
  }

  /** Presence for every document the user is a member of that someone has open. */
  async forUser(userId: string): Promise<DocumentPresence[]> {
    const rows = await this.db.membership.findMany({ where: { userId }, select: { documentId: true } });
    return rows
      .map((r) => ({ documentId: r.documentId, users: this.usersIn(r.documentId) }))
      .filter((p) => p.users.length > 0);
  }

  /** Everyone present on any instance, each person once. */
  usersIn(documentId: string): PresenceUser[] {
    const unique = new Map<string, PresenceUser>();
    for (const user of [...this.tracker.usersIn(documentId), ...this.remote.usersIn(documentId)]) unique.set(user.id, user);
    return [...unique.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }
}
