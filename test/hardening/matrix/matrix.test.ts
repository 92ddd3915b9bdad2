// The authorization matrix: one test per (row, role) of table.ts against one real server, plus the
// coverage checks that make a new HTTP route or socket.io event without a row fail the suite.
import { FUZZED_ROUTES } from "../fuzz/httpGen";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ClientEventSchemas } from "../../../lib/realtime/events";
import { ROLES, World } from "../support/world";
import { Probe } from "./probe";
import { TABLE } from "./table";

const cells = TABLE.flatMap((row) => ROLES.filter((role) => role in row.expect).map((role) => ({ row, role })));
console.log(
  `authorization matrix: ${cells.length} cells (${TABLE.length} actions on ${new Set(TABLE.map((r) => r.channel)).size} channels × up to ${ROLES.length} roles)`,
);

let world: World;
let probe: Probe;

beforeAll(async () => {
  world = await World.start();
  probe = new Probe(world);
  probe.warmUp();
});

afterAll(async () => {
  await probe?.close();
  await world?.stop();
});

describe("the table covers the server", () => {
  test("every HTTP route the server registers has a row, and every row names a registered route", () => {
    const covered = new Set(TABLE.filter((r) => r.channel === "http" || r.covers).map((r) => r.covers ?? r.action));
    const registered = new Set(world.routes);
    expect(registered.size).toBeGreaterThan(10); // the route listing itself works
    expect(
      [...registered].filter((r) => !covered.has(r)),
      "routes without a row in test/hardening/matrix/table.ts",
    ).toEqual([]);
    expect(
      [...covered].filter((r) => !registered.has(r)),
      "rows for routes the server no longer has",
    ).toEqual([]);
  });

  test("the HTTP fuzzer (test/hardening/fuzz/httpGen.ts) aims at every registered route", () => {
    const shape = (route: string) => route.replace(/:\w+/g, ":p");
    const fuzzed = new Set(FUZZED_ROUTES.map((r) => shape(`${r.method} ${r.path}`)));
    expect(
      world.routes.filter((r) => !fuzzed.has(shape(r))),
      "routes missing from ROUTES in test/hardening/fuzz/httpGen.ts",
    ).toEqual([]);
  });

  test("every socket.io client event has a row, and every row names an event", () => {
    const events = Object.keys(ClientEventSchemas);
    const rows = TABLE.filter((r) => r.channel === "socket.io" && r.action.includes(":")).map((r) => r.action);
    expect(
      events.filter((e) => !rows.includes(e)),
      "socket.io events without a row in test/hardening/matrix/table.ts",
    ).toEqual([]);
    expect(
      rows.filter((e) => !events.includes(e)),
      "rows for events the contract no longer has",
    ).toEqual([]);
  });
});

// Sequential on purpose: cells share accounts and the socket.io rate limits are per account.
describe("authorization matrix", () => {
  for (const { row, role } of cells) {
    test(`${row.channel} · ${row.action} · as ${role}`, async () => {
      await world.prepare(role);
      const outcome = await row.perform(probe, role);
      const want = row.expect[role]!;
      if (Array.isArray(want)) expect(want, `outcome ${outcome}`).toContain(outcome);
      else expect(outcome).toBe(want);
    });
  }
});
