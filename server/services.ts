// The server's singletons, created once in app.ts and handed to every channel.
import type { Redis } from "ioredis";
import type { Config } from "./config";
import type { Db } from "./db/client";
import type { EventBus } from "./bus/bus";
import type { Auth } from "./auth/auth";
import type { Documents } from "./domain/documents";
import type { Images } from "./domain/images";
import type { Trash } from "./domain/trash";
import type { Pages } from "./domain/pages";
import type { Comments } from "./domain/comments";
import type { Notifications } from "./domain/notifications";
import type { AnnouncementService } from "./events/announcementService";
import type { Logger } from "./log";
import type { Metrics } from "./ops/metrics";
import type { LiveAccess } from "./access/liveAccess";
import type { SearchService } from "./search/searchService";
import type { History } from "./history/history";
import type { ShareLinks } from "./domain/shareLinks";
import type { LinkCredentials } from "./auth/linkCredential";
import type { Mailer } from "./mail/mailer";
import type { People } from "./domain/people";
import type { Invitations } from "./domain/invitations";
import type { Shortcuts } from "./domain/shortcuts";
import type { Account } from "./auth/account";
import type { PasswordResets } from "./auth/passwordResets";
import type { Capacity } from "./ops/capacity";
import type { EmailChanges } from "./auth/emailChanges";

/**
 * The hosted mode's Redis: the bus' two connections, for the parts that reach other instances on
 * their own (collab fan-out, sign-in limits) and for /readyz. Absent on a single instance.
 */
export type RedisLink = {
  /** Commands and publishing; never put into subscriber mode. */
  pub: Redis;
  /** In subscriber mode (the bus' channel); others may subscribe more channels on it. */
  sub: Redis;
  /** Key and channel prefix (REDIS_PREFIX), so deployments and test runs sharing a Redis stay apart. */
  prefix: string;
  /** True when Redis answers right now. */
  ping(): Promise<boolean>;
};

export type Services = {
  config: Config;
  db: Db;
  bus: EventBus;
  redis?: RedisLink;
  auth: Auth;
  /** The domain: transport-free, throwing DomainError; HTTP routes and socket.io handlers share them. */
  documents: Documents;
  /** Deleted documents, restorable for TRASH_RETENTION_DAYS (lib/trash.ts). */
  trash: Trash;
  /** Nested pages: the tree, breadcrumbs, moves, inherited access (server/domain/pages.ts). */
  pages: Pages;
  comments: Comments;
  notifications: Notifications;
  announcements: AnnouncementService;
  log: Logger;
  metrics: Metrics;
  /** Every live connection of every channel, and when each must end (server/access/liveAccess.ts). */
  access: LiveAccess;
  /** Full-text search over documents; the collab server tells it of edits (server/search/). */
  search: SearchService;
  /** Version history: automatic and named versions, compare, restore, copy (server/history/). */
  history: History;
  /** Outgoing email: SMTP when SMTP_URL is set, else the log (server/mail). */
  mailer: Mailer;
  /** Administrators' account management (server/domain/people.ts). */
  people: People;
  /** Shares with emails that have no account yet (server/domain/invitations.ts). */
  invitations: Invitations;
  /** Images in documents, uploaded or imported, under one allowance per account (server/domain/images.ts). */
  images: Images;
  /** "Anyone with the link" links of documents (server/domain/shareLinks.ts). */
  shareLinks: ShareLinks;
  /** Share links as credentials: the link a request carries for a document (server/auth/linkCredential.ts). */
  links: LinkCredentials;
  /** The dashboard's Favourites and Recently opened (server/domain/shortcuts.ts). */
  shortcuts: Shortcuts;
  /** One's own account from Settings: name, email, password, signed-in sessions (server/auth/account.ts). */
  account: Account;
  /** "Forgot password?" and administrators' reset links (server/auth/passwordResets.ts). */
  passwordResets: PasswordResets;
  /** Long-lived connections this instance admits: caps per kind and a rate (server/ops/capacity.ts). */
  capacity: Capacity;
  /** Email changes waiting for their confirmation link (server/auth/emailChanges.ts). */
  emailChanges: EmailChanges;
};
