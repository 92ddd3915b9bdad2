// One authority for live access. A connection outlives the request that authenticated it (collab
// WebSockets, socket.io, event streams), so every channel registers each live connection here, with
// the credential, account and document it was opened with, and implements one small interface to be
// ended. The authority, not the channels, decides when that happens:
//  - at the credential's expiry, by a timer set for that exact moment (and `allows()` refuses a frame
//    that arrives after it even if the timer has not fired yet);
//  - when the bus says the credential was revoked (sign-out, token revoked), on every instance;
//  - when the bus says the document was deleted;
//  - when the periodic re-check finds the credential's row gone or changed (deleted by hand,
//    expiry moved): the one case nobody announces.
//  - when the bus says the account's membership of the document changed: removed ends the
//    connection (4403), a new role is handed to the connection (collab: 4300, reconnect with it).
//  - when the bus says an administrator deactivated the account: all its credentials end (4401).
//  - when the bus says a share link was revoked (or the re-check finds it revoked, expired or its
//    document trashed), or at its expiry: every connection that came in through it ends (4403); a
//    link's new role is handed to them (4300). See linkHolds.ts.
//  - a guest's connection is handed the pages its link opens, again after every page-tree change that
//    touches them (linkPages.ts), while a page moved out of reach has its sessions ended (above).
// New access events plug into `onBusEvent`.
import type { EventBus } from "../bus/bus";
import type { BusEvent, Role } from "../bus/events";
import type { Db } from "../db/client";
import type { Logger } from "../log";
import type { Metrics } from "../ops/metrics";
import { currentCredentials } from "./credentialStatus";
import { DeletedDocuments } from "./deletedDocuments";
import type { EndReason } from "./endReasons";
import type { LiveLink } from "../domain/shareLinks";
import { isGuestCredential, LinkHolds } from "./linkHolds";
import { currentLinks } from "./linkStatus";
import { LinkPages, type LinkPageList, type TreeChange } from "./linkPages";

export type { EndReason };

/** How often every live credential is read again from the database. */
export const SESSION_RECHECK_MS = 60_000;
/** setTimeout takes at most 2^31-1 ms (24.8 days; sessions last 30): longer waits are chained. */
const MAX_TIMER_MS = 24 * 3600_000;
/** A credential revoked this recently is refused at registration (it was checked before the revoke arrived). */
const REVOKED_MEMORY_MS = 5 * 60_000;

/** What a channel implements for each live connection. */
export interface LiveConnection {
  /** End the connection: collab closes with 4401/4403/4404, socket.io disconnects, a stream ends. */
  end(reason: EndReason): void;
  /** The account's role on the connection's document changed (channels bound to a document). */
  changeRole?(role: Role): void;
  /** A guest's connection (no account): the pages its entry link opens, now and whenever they change. */
  linkPages?(list: LinkPageList): void;
}

export type LiveRegistration = {
  credentialId: string;
  userId: string;
  /** The document the connection is about, for channels bound to one (collab). */
  documentId?: string;
  /** When the credential stops working; null for access tokens (until revoked). */
  expiresAt: Date | null;
  /** The share link that gave this connection its role (its "entry link"): revoked or expired, the connection ends. */
  link?: LiveLink;
  connection: LiveConnection;
};

export interface LiveAccessHandle {
  /** True while the connection may act: not ended, and its credential not past expiry. Cheap: call per frame. */
  allows(): boolean;
  /** The connection closed by itself: forget it. */
  release(): void;
}

/** A registered connection's lifecycle. */
type EntryState = { kind: "live" } | { kind: "ended"; reason: EndReason } | { kind: "released" };

type Credential = { id: string; userId: string; expiresAt: number | null; timer: NodeJS.Timeout | undefined; entries: Set<Entry> };
type Entry = { registration: LiveRegistration; credential: Credential; state: EntryState; unwatch?: () => void };

export type LiveAccessDeps = {
  db: Db;
  bus: EventBus;
  log: Logger;
  metrics?: Metrics;
  /** Whether a link made on one page still opens `documentId` (a sub-page that inherits; ShareLinks.opens). */
  linkOpens?: (link: LiveLink, documentId: string) => Promise<boolean>;
  /** The link's page and the sub-pages it opens (ShareLinks.subpagesOf), for guests' live page lists. */
  readLinkPages?: (link: LiveLink) => Promise<LinkPageList>;
};

/** The pages a bus event changes in the tree, and whether it can bring one into a link's reach. */
function treeChange(event: BusEvent): TreeChange | null {
  switch (event.type) {
    case "document.created":
    case "document.restored":
      return { pageIds: [event.document.id], mayAdd: true };
    case "pages.changed":
      return { pageIds: event.pageIds, mayAdd: true };
    case "document.updated":
      return { pageIds: [event.document.id], mayAdd: false };
    case "document.deleted":
      return { pageIds: [event.documentId], mayAdd: false };
    default:
      return null;
  }
}

export class LiveAccess {
  private readonly credentials = new Map<string, Credential>();
  private readonly byDocument = new Map<string, Set<Entry>>();
  private readonly revoked = new Map<string, number>();
  /** Accounts deactivated recently, by user id: like `revoked`, for a connection authenticated just before. */
  private readonly deactivated = new Map<string, number>();
  private readonly deleted = new DeletedDocuments();
  private readonly links = new LinkHolds<Entry>((entry) => this.end(entry, "link-ended"));
  private readonly linkPages: LinkPages | undefined;
  private readonly unsubscribe: () => void;
  private readonly sweep: NodeJS.Timeout;
  private rechecking = false;
  private readonly ended;

  constructor(
    private readonly deps: LiveAccessDeps,
    recheckMs = SESSION_RECHECK_MS,
  ) {
    this.ended = deps.metrics?.counter("tandem_live_connections_ended_total", "Live connections ended by the access authority", ["reason"]);
    deps.metrics?.gauge("tandem_live_connections", "Connections registered with the access authority", () => this.connectionCount);
    const { readLinkPages, linkOpens, log } = deps;
    this.linkPages = readLinkPages && linkOpens ? new LinkPages({ read: readLinkPages, opens: linkOpens, log }) : undefined;
    this.unsubscribe = deps.bus.subscribe((event) => this.onBusEvent(event));
    this.sweep = setInterval(() => void this.recheck(), recheckMs);
    this.sweep.unref();
  }

  get connectionCount(): number {
    let n = 0;
    for (const credential of this.credentials.values()) n += credential.entries.size;
    return n;
  }

  register(registration: LiveRegistration): LiveAccessHandle {
    let credential = this.credentials.get(registration.credentialId);
    if (!credential) {
      credential = { id: registration.credentialId, userId: registration.userId, expiresAt: null, timer: undefined, entries: new Set() };
      this.credentials.set(credential.id, credential);
    }
    // The newest authentication read the row last: its expiry wins.
    this.setExpiry(credential, registration.expiresAt?.getTime() ?? null);
    const entry: Entry = { registration, credential, state: { kind: "live" } };
    credential.entries.add(entry);
    if (registration.documentId !== undefined) {
      let set = this.byDocument.get(registration.documentId);
      if (!set) this.byDocument.set(registration.documentId, (set = new Set()));
      set.add(entry);
    }
    if (registration.link) this.links.add(entry, registration.link);
    const { link, connection } = registration;
    if (link && connection.linkPages && this.linkPages) {
      entry.unwatch = this.linkPages.watch(link, (list) => entry.state.kind === "live" && connection.linkPages?.(list));
    }
    // Authenticated before a revocation that arrived meanwhile: end it as the revocation would have.
    if (this.wasRevoked(credential.id)) queueMicrotask(() => this.end(entry, "signed-out"));
    else if (this.wasDeactivated(registration.userId)) queueMicrotask(() => this.end(entry, "account-deactivated"));
    return {
      allows: () => this.allows(entry),
      release: () => {
        if (entry.state.kind !== "live") return;
        entry.state = { kind: "released" };
        this.detach(entry);
      },
    };
  }

  /** True when `userId` was a member of `documentId` when it was deleted: tell them 4404, not 4403. */
  wasDeletedFor(documentId: string, userId: string): boolean {
    return this.deleted.wasMember(documentId, userId);
  }

  /** Shutdown: stop listening and timing (the channels close their own connections). */
  stop(): void {
    this.unsubscribe();
    clearInterval(this.sweep);
    this.links.stop();
    for (const credential of this.credentials.values()) clearTimeout(credential.timer);
  }

  private onBusEvent(event: BusEvent): void {
    const tree = treeChange(event);
    if (tree) this.linkPages?.changed(tree);
    switch (event.type) {
      case "credential.revoked":
        this.wasRevoked(event.credentialId); // prunes the old ones
        this.revoked.set(event.credentialId, Date.now());
        this.endCredential(event.credentialId, "signed-out");
        return;
      case "account.deactivated":
        this.wasDeactivated(event.userId); // prunes the old ones
        this.deactivated.set(event.userId, Date.now());
        for (const credential of [...this.credentials.values()]) {
          if (credential.userId === event.userId) this.endCredential(credential.id, "account-deactivated");
        }
        return;
      case "account.reactivated":
        this.deactivated.delete(event.userId);
        return;
      case "document.deleted":
        this.deleted.remember(event.documentId, event.userIds);
        for (const entry of [...(this.byDocument.get(event.documentId) ?? [])]) this.end(entry, "document-deleted");
        return;
      case "document.restored":
        // Back from the trash: a member refused later (removed, say) is told so, not "deleted".
        this.deleted.forget(event.document.id);
        return;
      case "share-link.revoked":
        for (const entry of this.links.entriesOf(event.linkId)) this.end(entry, "link-ended");
        return;
      case "pages.changed":
        // A page moved or stopped inheriting: a link made on a page above may no longer reach it.
        void this.recheckSubpageLinks();
        return;
      case "share-link.changed":
        // A link entry's account had less than the link (or no account): the link's new role is theirs.
        this.links.setRole(event.linkId, event.role);
        for (const entry of this.links.entriesOf(event.linkId)) this.changeRole(entry, event.role);
        return;
      case "membership.changed":
        for (const entry of [...(this.byDocument.get(event.documentId) ?? [])]) {
          if (entry.registration.userId !== event.userId || entry.state.kind !== "live") continue;
          const link = entry.registration.link;
          if (link) {
            // In through a link: losing a lesser membership changes nothing; a higher role is handed over.
            const linkRole = this.links.roleOf(link.id) ?? link.role;
            if (event.role === "owner" || (event.role === "editor" && linkRole === "viewer")) this.changeRole(entry, event.role);
            continue;
          }
          if (event.role === null) this.end(entry, "access-removed");
          else this.changeRole(entry, event.role);
        }
        return;
      default:
        return; // not an access change
    }
  }

  private allows(entry: Entry): boolean {
    switch (entry.state.kind) {
      case "live": {
        const { expiresAt } = entry.credential;
        if (expiresAt !== null && Date.now() >= expiresAt) {
          this.endCredential(entry.credential.id, "session-ended");
          return false;
        }
        const link = entry.registration.link;
        if (link && this.links.expired(link.id)) {
          this.end(entry, "link-ended");
          return false;
        }
        return true;
      }
      case "ended":
      case "released":
        return false;
    }
  }

  private end(entry: Entry, reason: EndReason): void {
    if (entry.state.kind !== "live") return;
    entry.state = { kind: "ended", reason };
    this.detach(entry);
    this.ended?.inc({ reason });
    try {
      entry.registration.connection.end(reason);
    } catch (err) {
      this.deps.log.error({ err, reason }, "ending a live connection failed");
    }
  }

  private changeRole(entry: Entry, role: Role): void {
    try {
      entry.registration.connection.changeRole?.(role);
    } catch (err) {
      this.deps.log.error({ err }, "changing a live connection's role failed");
    }
  }

  private endCredential(credentialId: string, reason: EndReason): void {
    const credential = this.credentials.get(credentialId);
    if (!credential) return;
    for (const entry of [...credential.entries]) this.end(entry, reason);
  }

  private detach(entry: Entry): void {
    const { credential, registration } = entry;
    credential.entries.delete(entry);
    entry.unwatch?.();
    if (credential.entries.size === 0 && this.credentials.get(credential.id) === credential) {
      clearTimeout(credential.timer);
      this.credentials.delete(credential.id);
    }
    if (registration.documentId !== undefined) {
      const set = this.byDocument.get(registration.documentId);
      set?.delete(entry);
      if (set?.size === 0) this.byDocument.delete(registration.documentId);
    }
    if (registration.link) this.links.remove(entry, registration.link.id);
  }

  private setExpiry(credential: Credential, expiresAt: number | null): void {
    if (credential.expiresAt === expiresAt && (credential.timer !== undefined || expiresAt === null)) return;
    credential.expiresAt = expiresAt;
    clearTimeout(credential.timer);
    credential.timer = undefined;
    if (expiresAt === null) return;
    // Always through a timer, even when already due: never end a connection inside its own register().
    const arm = () => {
      const wait = Math.max(0, Math.min(expiresAt - Date.now(), MAX_TIMER_MS));
      credential.timer = setTimeout(() => (Date.now() >= expiresAt ? this.endCredential(credential.id, "session-ended") : arm()), wait);
      credential.timer.unref();
    };
    arm();
  }

  private wasRevoked(credentialId: string): boolean {
    const now = Date.now();
    for (const [id, at] of this.revoked) {
      if (now - at <= REVOKED_MEMORY_MS) break; // oldest first: the rest are recent
      this.revoked.delete(id);
    }
    return this.revoked.has(credentialId);
  }

  private wasDeactivated(userId: string): boolean {
    const now = Date.now();
    for (const [id, at] of this.deactivated) {
      if (now - at <= REVOKED_MEMORY_MS) break; // oldest first: the rest are recent
      this.deactivated.delete(id);
    }
    return this.deactivated.has(userId);
  }

  /**
   * Connections that came in through a link made on a page above their own: each is asked again
   * whether the link still opens its page (only guests on sub-pages, so a handful of lookups).
   */
  private async recheckSubpageLinks(): Promise<void> {
    const linkOpens = this.deps.linkOpens;
    if (!linkOpens) return;
    const checks: Promise<void>[] = [];
    for (const entries of this.byDocument.values()) {
      for (const entry of entries) {
        const { link, documentId } = entry.registration;
        if (!link || documentId === undefined || link.documentId === documentId || entry.state.kind !== "live") continue;
        checks.push(
          linkOpens(link, documentId).then(
            (opens) => {
              if (!opens) this.end(entry, "link-ended");
            },
            (err) => this.deps.log.warn({ err }, "share link re-check after a page change failed"),
          ),
        );
      }
    }
    await Promise.all(checks);
  }

  /** Ends the connections of links revoked, expired or trashed without an announcement (by hand in the database). */
  private async recheckLinks(): Promise<void> {
    const ids = this.links.linkIds;
    if (ids.length === 0) return;
    const live = await currentLinks(this.deps.db, ids);
    for (const id of ids) if (!live.has(id)) for (const entry of this.links.entriesOf(id)) this.end(entry, "link-ended");
  }

  /** Reads every live credential again (in batches) and ends those that stopped working. */
  private async recheck(): Promise<void> {
    if (this.rechecking) return; // a slow database must not stack checks up
    this.rechecking = true;
    try {
      await this.recheckLinks();
      // A guest's credential is its link, re-checked just above.
      const ids = [...this.credentials.keys()].filter((id) => !isGuestCredential(id));
      if (ids.length === 0) return;
      const current = await currentCredentials(this.deps.db, ids);
      for (const id of ids) {
        const credential = this.credentials.get(id);
        if (!credential) continue; // its connections closed meanwhile
        const status = current.get(id);
        if (!status || status.userId !== credential.userId) this.endCredential(id, "session-ended");
        else this.setExpiry(credential, status.expiresAt?.getTime() ?? null);
      }
    } catch (err) {
      this.deps.log.error({ err }, "live access re-check failed");
    } finally {
      this.rechecking = false;
    }
  }
}
