// Presence as every instance reports it on the bus (presenceReporter.ts), this one's included: the
// latest report per instance and document. Reports are renewed while someone is present, and one not
// renewed in time is dropped, so the people of an instance that died disappear from dashboards.
import type { PresenceUser } from "../../lib/realtime/events";
import { PRESENCE_REFRESH_MS } from "./presenceReporter";

/** A report expires after this long without renewal (two and a half renewal periods). */
export const PRESENCE_EXPIRY_MS = (PRESENCE_REFRESH_MS * 5) / 2;

type Report = { users: PresenceUser[]; at: number };

export class PresenceReports {
  private readonly byDocument = new Map<string, Map<string, Report>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Records an instance's report; returns whether that changed anything. */
  record(instanceId: string, documentId: string, users: PresenceUser[]): boolean {
    let reports = this.byDocument.get(documentId);
    const before =
      reports
        ?.get(instanceId)
        ?.users.map((u) => u.id)
        .join(",") ?? "";
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

  /** Everyone reported in the document, by any instance (one person may appear once per instance). */
  usersIn(documentId: string): PresenceUser[] {
    return [...(this.byDocument.get(documentId)?.values() ?? [])].flatMap((r) => r.users);
  }
}
