// "pages:changed" to each account whose page tree changed. One act (sharing a page with ten sub-pages,
// moving a branch) makes many bus events; they are gathered for one turn of the event loop, so each
// account's tabs get one event naming every page involved, and refetch the tree once.
import { userRoom } from "./rooms";
import type { TandemIo } from "./types";

export class PagesChangedNotices {
  private readonly pending = new Map<string, Set<string>>();
  private scheduled: NodeJS.Immediate | undefined;

  constructor(private readonly io: TandemIo) {}

  add(userIds: Iterable<string>, pageIds: string[]): void {
    for (const userId of userIds) {
      let set = this.pending.get(userId);
      if (!set) this.pending.set(userId, (set = new Set()));
      for (const id of pageIds) set.add(id);
    }
    this.scheduled ??= setImmediate(() => this.flush());
  }

  stop(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.pending.clear();
  }

  private flush(): void {
    this.scheduled = undefined;
    for (const [userId, ids] of this.pending) this.io.local.to(userRoom(userId)).emit("pages:changed", { pageIds: [...ids] });
    this.pending.clear();
  }
}
