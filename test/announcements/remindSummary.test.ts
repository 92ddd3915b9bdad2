// The admin's message after "Remind" (lib/announcements/remindSummary.ts): every count it is given
// shows up in plain words, and the reasons an away person got no email are told apart.
import { describe, expect, it } from "vitest";
import { remindSummary } from "../../lib/announcements/remindSummary";

const base = { pending: 0, inApp: 0, away: 0, emailed: 0, skippedRecentlyReminded: 0, emailEnabled: true };

describe("remind summary", () => {
  it("says when no one is left to remind", () => {
    expect(remindSummary(base)).toBe("Everyone has confirmed; no one to remind.");
  });

  it("counts in-app and emailed reminders apart", () => {
    expect(remindSummary({ ...base, pending: 5, inApp: 2, away: 3, emailed: 3 })).toBe(
      "Shown again to 2 people who have Tandem open. Emailed 3 people who are away.",
    );
  });

  it("explains a second press within the cooldown", () => {
    expect(remindSummary({ ...base, pending: 2, inApp: 1, away: 1, skippedRecentlyReminded: 1 })).toBe(
      "Shown again to 1 person who has Tandem open. 1 person who is away was already emailed about this recently, so no new email was sent.",
    );
  });

  it("tells unsubscribed people from email that is not set up", () => {
    expect(remindSummary({ ...base, pending: 2, away: 2, emailed: 1 })).toBe(
      "Emailed 1 person who is away. 1 person who is away has turned reminder emails off; they will see it when they next open Tandem.",
    );
    expect(remindSummary({ ...base, pending: 3, away: 3, emailEnabled: false })).toBe(
      "Email is not set up, so 3 people who are away will see it when they next open Tandem.",
    );
  });
});
