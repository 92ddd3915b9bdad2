import { expect, test } from "vitest";
import { PRESENCE_EXPIRY_MS, PresenceReports } from "../../server/realtime/presenceReports";

test("other instances' presence is merged, replaced per instance, and expires without renewal", () => {
  let now = 0;
  const remote = new PresenceReports(() => now);
  expect(remote.record("i1", "d", [{ id: "u1", name: "Ana" }])).toBe(true);
  expect(remote.record("i2", "d", [{ id: "u2", name: "Ben" }])).toBe(true);
  expect(remote.record("i2", "d", [{ id: "u2", name: "Ben" }])).toBe(false); // a renewal changes nothing
  expect(
    remote
      .usersIn("d")
      .map((u) => u.id)
      .sort(),
  ).toEqual(["u1", "u2"]);
  now = PRESENCE_EXPIRY_MS / 2;
  remote.record("i2", "d", [{ id: "u2", name: "Ben" }]); // i2 renews, i1 (a dead instance) does not
  now = PRESENCE_EXPIRY_MS + 1;
  expect(remote.expire()).toEqual(["d"]);
  expect(remote.usersIn("d").map((u) => u.id)).toEqual(["u2"]);
  expect(remote.record("i2", "d", [])).toBe(true);
  expect(remote.usersIn("d")).toEqual([]);
});
