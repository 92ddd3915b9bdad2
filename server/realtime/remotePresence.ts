// Presence reported by other instances (hosted mode): each instance announces on the bus who has a
// document open through its own sockets; the others keep the latest report per instance. Reports are
// repeated while someone is present, and a report not renewed in time is dropped, so the users of an
// instance that died disappear from dashboards.
import type { PresenceUser } from "../../lib/realtime/events";

/** Local presence is re-announced this often while non-empty. */
export const PRESENCE_REFRESH_MS = 20_000;
/** Another instance's report expires after this long without renewal. */
export const PRESENCE_EXPIRY_MS = 50_000;

type Report = { users: PresenceUser[]; at: number };

export class RemotePresence {
  private readonly byDocument = new Map<string, Map<string, Report>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Records another instance's report; returns whether that changed anything. */
  record(instanceId: string, documentId: string, users: PresenceUser[]): boolean {
    let reports = this.byDocument.get(documentId);
    const before = reports?.get(instanceId)?.users.map((u) => u.id).join(",") ?? "";
    if (users.length === 0) {
      reports?.delete(instanceId);
      if (reports?.size === 0) this.byDocument.delete(documentId);
    } else {
      if (!reports) this.byDocument.set(documentId, (reports = new Map()));
      reports.set(instanceId, { users, at: this.now() });
    }
    return before !== users.map((u) => u.id).join(",");
  }

  forgetDocument(documentId: string): void {
    this.byDocument.delete(documentId);
  }

  /** Drops expired reports; returns the documents whose presence changed. */
  expire(): string[] {
    const changed: string[] = [];
    const cutoff = this.now() - PRESENCE_EXPIRY_MS;
    for (const [documentId, reports] of this.byDocument) {
      for (const [instanceId, report] of reports) {
        if (report.at < cutoff) {
          reports.delete(instanceId);
          changed.push(documentId);
        }
      }
      if (reports.size === 0) this.byDocument.delete(documentId);
    }
    return [...new Set(changed)];
  }

  usersIn(documentId: string): PresenceUser[] {
    return [...(this.byDocument.get(documentId)?.values() ?? [])].flatMap((r) => r.users);
  }
}
