// The announcement use cases: every change is stored, then announced on the bus so that each
// instance's streams (LiveAnnouncements, via the channel's bus listener) catch up.
import type { AdminAnnouncement, AnnouncementView, ViewerKind } from "../../lib/announcements/types";
import { matchesTargetPath } from "../../lib/announcements/targetPath";
import type { EventBus } from "../bus/bus";
import { ApiError } from "../http/errors";
import type { AuthUser } from "../auth/auth";
import { viewerOf, viewersOf } from "./audience";
import { toAdmin, type AnnouncementStore } from "./announcementStore";
import type { LiveAnnouncements } from "./liveAnnouncements";
import type { CreateAnnouncementInput, UpdateAnnouncementInput } from "./schemas";

export class AnnouncementService {
  constructor(
    private readonly store: AnnouncementStore,
    private readonly live: LiveAnnouncements,
    private readonly bus: EventBus,
  ) {}

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
    const dismissed = user ? await this.store.dismissedIds(user.id) : new Set<string>();
    return this.live
      .current()
      .filter((a) => visibleTo(a, viewer) && !dismissed.has(a.id) && (path === null || matchesTargetPath(a.targetPath, path)));
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
  if (!user) throw new ApiError("unauthorized", "Please sign in first.");
  if (!user.isAdmin) throw new ApiError("forbidden", "You need to be an administrator to manage announcements.");
  return user;
}
