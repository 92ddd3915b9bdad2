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
])("a bad %s stops start-up with a message naming it", (name, value) => {
  expect(() => loadConfig({ ...base, [name]: value })).toThrow(new RegExp(name));
});

test("an https PUBLIC_URL makes cookies Secure; ADMIN_EMAILS is a lower-cased list", () => {
  const c = loadConfig({ ...base, PUBLIC_URL: "https://tandem.example.com", ADMIN_EMAILS: "A@x.com, b@y.com" });
  expect(c.secureCookies).toBe(true);
  expect(c.adminEmails).toEqual(["a@x.com", "b@y.com"]);
});
