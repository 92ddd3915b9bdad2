// The history panel's days and words: local calendar days, not 24-hour windows; names before times.
import { describe, expect, it } from "vitest";
import type { Version } from "./contracts/history";
import { clockTime, dayLabel, groupByDay, versionTitle, versionWhen } from "./versionDays";

// Local-time constructors, so the tests mean the same in every time zone.
const now = new Date(2026, 11, 2, 10, 30);
const at = (month: number, day: number, hour: number, minute = 0) => new Date(2026, month, day, hour, minute).toISOString();
let seq = 0;
const version = (createdAt: string, kind: Version["kind"] = "auto", name: string | null = null): Version => ({
  id: `v${++seq}`,
  kind,
  name,
  createdAt,
  authors: [{ id: "u1", name: "Ana" }],
});

describe("dayLabel", () => {
  it("says Today and Yesterday by calendar day, whatever the hour", () => {
    expect(dayLabel(new Date(2026, 11, 2, 0, 1), now)).toBe("Today");
    // 10 h 31 min earlier, but the day before: Yesterday, not Today.
    expect(dayLabel(new Date(2026, 11, 1, 23, 59), now)).toBe("Yesterday");
    expect(dayLabel(new Date(2026, 11, 1, 0, 0), now)).toBe("Yesterday");
  });

  it("names older days with the weekday, and the year only when it is not this one", () => {
    expect(dayLabel(new Date(2026, 10, 30, 12), now, "en-GB")).toBe("Mon 30 Nov");
    expect(dayLabel(new Date(2025, 10, 30, 12), now, "en-GB")).toBe("Sun, 30 Nov 2025");
  });
});

describe("versionTitle", () => {
  it("prefers the name, then says what kind of version and when", () => {
    expect(versionTitle(version(at(11, 2, 9), "named", "Sent to legal"), now)).toBe("Sent to legal");
    const clock = clockTime(new Date(2026, 11, 2, 9, 5), "en-GB");
    expect(versionTitle(version(at(11, 2, 9, 5)), now, "en-GB")).toBe(`Version from today at ${clock}`);
    expect(versionTitle(version(at(11, 1, 9, 5), "restore-point"), now, "en-GB")).toBe(`Before the restore yesterday at ${clock}`);
    expect(versionWhen(at(10, 30, 9, 5), now, "en-GB")).toBe(`Mon 30 Nov at ${clock}`);
  });
});

describe("groupByDay", () => {
  it("keeps the newest-first order, one group per local day, counting automatic versions", () => {
    const list = [
      version(at(11, 2, 10)),
      version(at(11, 2, 9), "named", "Draft 1"),
      version(at(11, 2, 8)),
      version(at(11, 1, 23, 59), "restore-point"),
      version(at(11, 1, 8)),
      version(at(10, 20, 8)),
    ];
    const days = groupByDay(list, now, "en-GB");
    expect(days.map((d) => [d.label, d.versions.length, d.autoCount])).toEqual([
      ["Today", 3, 2],
      ["Yesterday", 2, 1],
      ["Fri 20 Nov", 1, 1],
    ]);
    expect(days.flatMap((d) => d.versions)).toEqual(list);
    expect(days[0].key).toBe("2026-12-02");
  });

  it("returns no days for no versions", () => {
    expect(groupByDay([], now)).toEqual([]);
  });
});
