// What the admin reads after pressing "Remind" (app/admin/ReachFigures.tsx): who saw it again in the
// app, who got an email, and why the others did not, in plain words.
import type { RemindResponse } from "@/lib/contracts/announcements";

const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;
/** "1 person who is away" / "3 people who are away". */
const awayPeople = (n: number) => `${people(n)} who ${n === 1 ? "is" : "are"} away`;

export function remindSummary(r: RemindResponse): string {
  if (r.pending === 0) return "Everyone has confirmed; no one to remind.";
  const parts: string[] = [];
  if (r.inApp > 0) parts.push(`Shown again to ${people(r.inApp)} who ${r.inApp === 1 ? "has" : "have"} Tandem open.`);
  if (r.emailed > 0) parts.push(`Emailed ${awayPeople(r.emailed)}.`);
  if (r.skippedRecentlyReminded > 0) {
    const n = r.skippedRecentlyReminded;
    parts.push(`${awayPeople(n)} ${n === 1 ? "was" : "were"} already emailed about this recently, so no new email was sent.`);
  }
  const unmailed = r.away - r.emailed - r.skippedRecentlyReminded;
  if (unmailed > 0 && !r.emailEnabled) parts.push(`Email is not set up, so ${awayPeople(unmailed)} will see it when they next open Tandem.`);
  if (unmailed > 0 && r.emailEnabled) {
    parts.push(`${awayPeople(unmailed)} ${unmailed === 1 ? "has" : "have"} turned reminder emails off; they will see it when they next open Tandem.`);
  }
  return parts.join(" ");
}
