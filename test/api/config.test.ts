import os from "node:os";
import { expect, test } from "vitest";
import { loadConfig } from "../../server/config";

const base = { DATA_DIR: os.tmpdir() + "/tandem-config-test" };

test("defaults need no environment at all", () => {
  const c = loadConfig(base);
  expect(c.port).toBe(3000);
  expect(c.databaseKind).toBe("sqlite");
  expect(c.databaseUrl).toMatch(/^file:.*tandem\.db$/);
  expect(c.sessionSecret.length).toBeGreaterThanOrEqual(32);
  expect(c.secureCookies).toBe(false);
  expect(c.shutdownDrainMs).toBe(0);
  expect(c.capacity.max.collabSockets).toBeGreaterThan(1_000);
  expect(c.capacity.retryAfterSeconds).toBeGreaterThan(c.capacity.retryAfterSpreadSeconds);
});

test("CAPACITY_* set the caps, the admission rate and the Retry-After window", () => {
  const c = loadConfig({
    ...base,
    CAPACITY_COLLAB_STREAMS: "7",
    CAPACITY_ADMISSIONS_PER_SECOND: "40",
    CAPACITY_RETRY_AFTER_SECONDS: "9",
    CAPACITY_RETRY_AFTER_SPREAD_SECONDS: "2",
  });
  expect(c.capacity.max.collabStreams).toBe(7);
  expect(c.capacity.admissionsPerSecond).toBe(40);
  expect([c.capacity.retryAfterSeconds, c.capacity.retryAfterSpreadSeconds]).toEqual([9, 2]);
});

test.each([
  ["PORT", "not-a-port"],
  ["PORT", "70000"],
  ["DATABASE_URL", "mysql://x"],
  ["REDIS_URL", "http://x"],
  ["SESSION_SECRET", "short"],
  ["PUBLIC_URL", "ftp://x"],
  ["SHUTDOWN_DRAIN_MS", "soon"],
  ["SHUTDOWN_DRAIN_MS", "-1"],
  ["CAPACITY_COLLAB_SOCKETS", "0"],
  ["CAPACITY_EVENT_STREAMS", "lots"],
  ["CAPACITY_RETRY_AFTER_SECONDS", "0"],
  ["CAPACITY_RETRY_AFTER_SPREAD_SECONDS", "-1"],
])("a bad %s stops start-up with a message naming it", (name, value) => {
  expect(() => loadConfig({ ...base, [name]: value })).toThrow(new RegExp(name));
});

test("an https PUBLIC_URL makes cookies Secure; ADMIN_EMAILS is a lower-cased list", () => {
  const c = loadConfig({ ...base, PUBLIC_URL: "https://tandem.example.com", ADMIN_EMAILS: "A@x.com, b@y.com" });
  expect(c.secureCookies).toBe(true);
  expect(c.adminEmails).toEqual(["a@x.com", "b@y.com"]);
});
