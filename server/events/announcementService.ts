// The announcement use cases, transport-free (errors are DomainError): every change is stored, then
// announced on the bus so that each instance's streams (LiveAnnouncements, via the events channel's
// bus listener) catch up. One instance in Services, for the HTTP routes and the stream alike.
import type { AdminAnnouncement, AnnouncementView, ViewerKind } from "../../lib/announcements/types";
import { matchesTargetPath } from "../../lib/announcements/targetPath";
import type { Db } from "../db/client";
import type { EventBus } from "../bus/bus";
import { DomainError, unauthorized } from "../domain/errors";
import type { AuthUser } from "../auth/auth";
import { viewerOf, viewersOf } from "./audience";
import { AnnouncementStore, toAdmin } from "./announcementStore";
import type { CreateAnnouncementInput, UpdateAnnouncementInput } from "./schemas";

export class AnnouncementService {
  /** The stored announcements; the events channel reads through it too (what is live, dismissals). */
  readonly store: AnnouncementStore;

  constructor(
    db: Db,
    private readonly bus: EventBus,
  ) {
    this.store = new AnnouncementStore(db);
  }

  async list(): Promise<AdminAnnouncement[]> {
    const now = Date.now();
    return (await this.store.list()).map((row) => toAdmin(row, now));
  }

  async create(admin: AuthUser, input: CreateAnnouncementInput): Promise<AdminAnnouncement> {
    const row = await this.store.create(input, admin.id);
    await this.changed();
    return toAdmin(row);
  }

  async update(id: string, input: UpdateAnnouncementInput): Promise<AdminAnnouncement> {
    const row = await this.store.update(id, input);
    await this.changed();
    return toAdmin(row);
  }

  async revoke(id: string): Promise<AdminAnnouncement> {
    const row = await this.store.revoke(id);
    await this.changed();
    return toAdmin(row);
  }

  /** Active for this caller, minus what they dismissed; `path` narrows to one page's announcements. */
  async activeFor(user: AuthUser | null, path: string | null): Promise<AnnouncementView[]> {
    const viewer = viewerOf(user);
    // Read from the database, not the streams' copy, so the list works (and is current) on its own.
    const [{ visible }, dismissed] = await Promise.all([this.store.current(Date.now()), user ? this.store.dismissedIds(user.id) : new Set<string>()]);
    return visible.filter((a) => visibleTo(a, viewer) && !dismissed.has(a.id) && (path === null || matchesTargetPath(a.targetPath, path)));
  }

  async dismiss(user: AuthUser, id: string): Promise<void> {
    const row = await this.store.dismissForViewer(id, user.id, viewerOf(user));
    await this.bus.publish({ type: "announcement.dismissed", announcementId: row.id, userId: user.id });
  }

  private async changed(): Promise<void> {
    // The bus reaches this instance too; its listener refreshes LiveAnnouncements.
    await this.bus.publish({ type: "announcements.changed" });
  }
}

export const visibleTo = (a: AnnouncementView, viewer: ViewerKind): boolean => viewersOf(a.audience).includes(viewer);

export function assertAdmin(user: AuthUser | null): AuthUser {
  if (!user) throw unauthorized();
  if (!user.isAdmin) throw new DomainError("forbidden", "You need to be an administrator to manage announcements.");
  return user;
}
