// Administrators manage accounts: list them, make or unmake administrators, deactivate and
// reactivate. Deactivating ends the account's sessions (deleted here) and, through the bus, every
// live connection of it on every instance (server/access/liveAccess.ts); its documents and
// memberships stay, so the people it shared with keep their access. Every change is logged with who did it.
import type { Db } from "../db/client";
import { exclusive, LOCKS } from "../db/exclusive";
import type { EventBus } from "../bus/bus";
import type { Logger } from "../log";
import type { AuthUser } from "../auth/auth";
import type { PeopleFilter, Person } from "../../lib/contracts/people";
import { conflict, DomainError, notFound } from "./errors";

/** The page lists at most this many accounts per query (narrow it with the search box). */
export const PEOPLE_LIST_LIMIT = 500;

const PERSON_SELECT = {
  id: true,
  name: true,
  email: true,
  isAdmin: true,
  createdAt: true,
  deactivatedAt: true,
  _count: { select: { ownedDocs: true } },
} as const;

type PersonRow = {
  id: string;
  name: string;
  email: string;
  isAdmin: boolean;
  createdAt: Date;
  deactivatedAt: Date | null;
  _count: { ownedDocs: number };
};

export class People {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly databaseKind: "sqlite" | "postgres" = "sqlite",
  ) {}

  async list(admin: AuthUser, query: { q?: string; filter: PeopleFilter }): Promise<Person[]> {
    requireAdmin(admin);
    const q = query.q?.toLowerCase();
    const rows = await this.db.user.findMany({
      where: {
        ...(query.filter === "admins" ? { isAdmin: true } : {}),
        ...(query.filter === "active" ? { deactivatedAt: null } : {}),
        ...(query.filter === "deactivated" ? { deactivatedAt: { not: null } } : {}),
        // Emails are stored lower-case; names are matched in either case through `contains` on both
        // spellings, since SQLite and PostgreSQL differ on case-insensitive LIKE.
        ...(q ? { OR: [{ email: { contains: q } }, { name: { contains: query.q } }, { name: { contains: q } }] } : {}),
      },
      select: PERSON_SELECT,
      orderBy: { createdAt: "asc" },
      take: PEOPLE_LIST_LIMIT,
    });
    const lastActive = await this.lastActive(rows.map((r) => r.id));
    return rows.map((r) => view(r, lastActive.get(r.id) ?? null));
  }

  /**
   * Makes or unmakes an administrator, deactivates or reactivates. Refuses (409) to leave the
   * instance without an active administrator, and an administrator deactivating their own account.
   */
  async update(admin: AuthUser, userId: string, change: { isAdmin?: boolean; deactivated?: boolean }): Promise<Person> {
    requireAdmin(admin);
    // One at a time: two administrators removing each other at the same moment must not both succeed.
    const { before, after } = await exclusive(this.db, this.databaseKind, LOCKS.administrators, async (tx) => {
      const before = await tx.user.findUnique({ where: { id: userId }, select: PERSON_SELECT });
      if (!before) throw notFound("Account");
      if (change.deactivated === true && userId === admin.id) {
        throw conflict("You cannot deactivate your own account. Ask another administrator to do it.", "deactivated");
      }
      const data: { isAdmin?: boolean; deactivatedAt?: Date | null } = {};
      if (change.isAdmin !== undefined && change.isAdmin !== before.isAdmin) data.isAdmin = change.isAdmin;
      if (change.deactivated !== undefined && change.deactivated !== (before.deactivatedAt !== null)) {
        data.deactivatedAt = change.deactivated ? new Date() : null;
      }
      const after = Object.keys(data).length === 0 ? before : await tx.user.update({ where: { id: userId }, data, select: PERSON_SELECT });
      // Checked after the write, inside the transaction: a change that leaves nobody able to administer is undone.
      if (before.isAdmin && before.deactivatedAt === null && (!after.isAdmin || after.deactivatedAt !== null)) {
        const remaining = await tx.user.count({ where: { isAdmin: true, deactivatedAt: null } });
        if (remaining === 0) {
          throw conflict(
            `${before.name} is the only active administrator. Make someone else an administrator first.`,
            change.isAdmin === false ? "isAdmin" : "deactivated",
          );
        }
      }
      if (data.deactivatedAt) await tx.session.deleteMany({ where: { userId } });
      return { before, after };
    });

    const by = { byUserId: admin.id, byEmail: admin.email, userId, email: after.email };
    if (before.isAdmin !== after.isAdmin)
      this.log.info({ ...by, isAdmin: after.isAdmin }, after.isAdmin ? "people: made administrator" : "people: administrator rights removed");
    if (before.deactivatedAt === null && after.deactivatedAt !== null) {
      this.log.info(by, "people: account deactivated");
      await this.bus.publish({ type: "account.deactivated", userId });
    } else if (before.deactivatedAt !== null && after.deactivatedAt === null) {
      this.log.info(by, "people: account reactivated");
      await this.bus.publish({ type: "account.reactivated", userId });
    }
    return view(after, (await this.lastActive([userId])).get(userId) ?? null);
  }

  /** The latest sign-in (session created) or access-token use of each account. */
  private async lastActive(userIds: string[]): Promise<Map<string, Date>> {
    const latest = new Map<string, Date>();
    if (userIds.length === 0) return latest;
    const [sessions, tokens] = await Promise.all([
      this.db.session.groupBy({ by: ["userId"], where: { userId: { in: userIds } }, _max: { createdAt: true } }),
      this.db.accessToken.groupBy({ by: ["userId"], where: { userId: { in: userIds } }, _max: { lastUsedAt: true } }),
    ]);
    const note = (userId: string, at: Date | null) => {
      if (at && (latest.get(userId)?.getTime() ?? 0) < at.getTime()) latest.set(userId, at);
    };
    for (const s of sessions) note(s.userId, s._max.createdAt);
    for (const t of tokens) note(t.userId, t._max.lastUsedAt);
    return latest;
  }
}

function requireAdmin(user: AuthUser): void {
  if (!user.isAdmin) throw new DomainError("forbidden", "You need to be an administrator to manage people.");
}

function view(r: PersonRow, lastActiveAt: Date | null): Person {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    isAdmin: r.isAdmin,
    createdAt: r.createdAt.toISOString(),
    deactivatedAt: r.deactivatedAt?.toISOString() ?? null,
    lastActiveAt: lastActiveAt?.toISOString() ?? null,
    documentsOwned: r._count.ownedDocs,
  };
}
