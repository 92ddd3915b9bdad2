// The pages a guest's share link opens, kept live for the guest's page list on /s/<token>. A guest has
// no account, so the members' "pages:changed" (per user) never reaches them; instead the access
// authority hands every page-tree change to this module, which works out, per guest connection, whether
// the link's pages may have changed, and if so reads them again (ShareLinks.subpagesOf: the same rule
// as ShareLinks.opens) and hands the new list to the connection when it differs from the last one.
// A page the link no longer reaches leaves the list here; its open sessions are ended by the authority
// itself (its sub-page re-check), so the list and the connections cannot disagree for long.
import type { LiveLink } from "../domain/shareLinks";
import type { Logger } from "../log";

export type LinkPageList = { documentId: string; title: string; pages: { id: string; title: string; parentId: string }[] };

/** A change to the page tree, from the bus: which pages, and whether it can bring a page into a link's reach. */
export type TreeChange = { pageIds: string[]; mayAdd: boolean };

export type LinkPagesDeps = {
  /** The link's page and the sub-pages it opens now. */
  read: (link: LiveLink) => Promise<LinkPageList>;
  /** Whether the link opens `pageId` now (a page made under it, moved in, inheriting again). */
  opens: (link: LiveLink, pageId: string) => Promise<boolean>;
  log: Logger;
};

/** One guest connection's list: the last one it was given, and a queue so lists arrive in order. */
type Watch = { link: LiveLink; give: (list: LinkPageList) => void; known: Set<string>; last: string; queue: Promise<void> };

export class LinkPages {
  private readonly watches = new Set<Watch>();

  constructor(private readonly deps: LinkPagesDeps) {}

  /** Starts giving `give` the link's pages: now, and after every change that touches them. Returns the stop. */
  watch(link: LiveLink, give: (list: LinkPageList) => void): () => void {
    const watch: Watch = { link, give, known: new Set([link.documentId]), last: "", queue: Promise.resolve() };
    this.watches.add(watch);
    this.refresh(watch);
    return () => void this.watches.delete(watch);
  }

  /** A page-tree change: each guest list it may concern is read again. */
  changed(change: TreeChange): void {
    for (const watch of this.watches) {
      watch.queue = watch.queue.then(async () => {
        if (!this.watches.has(watch) || !(await this.concerns(watch, change))) return;
        await this.read(watch);
      });
    }
  }

  /** A page the list shows (renamed, moved out, trashed, no longer inheriting), or one the link opens now. */
  private async concerns(watch: Watch, { pageIds, mayAdd }: TreeChange): Promise<boolean> {
    if (pageIds.some((id) => watch.known.has(id))) return true;
    if (!mayAdd) return false;
    for (const id of pageIds) if (await this.deps.opens(watch.link, id)) return true;
    return false;
  }

  private refresh(watch: Watch): void {
    watch.queue = watch.queue.then(() => this.read(watch));
  }

  private async read(watch: Watch): Promise<void> {
    try {
      const list = await this.deps.read(watch.link);
      const encoded = JSON.stringify(list);
      if (!this.watches.has(watch) || encoded === watch.last) return;
      watch.last = encoded;
      watch.known = new Set([list.documentId, ...list.pages.map((p) => p.id)]);
      watch.give(list);
    } catch (err) {
      this.deps.log.warn({ err }, "reading a share link's pages for a guest failed");
    }
  }
}
