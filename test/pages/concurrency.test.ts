// Inherited rows stay right when changes race: members shared on a parent and on a sub-page, and the
// sub-page moved back and forth, all at once. Afterwards working the tree out again from scratch must
// change nothing (the materialised rows are exactly what the rules say), on SQLite and PostgreSQL.
import { expect, test } from "vitest";
import { recomputeSubtree } from "../../server/domain/inheritedAccess";
import { share } from "../realtime/helpers";
import { move, page, pageWorld, roleOn } from "./helpers";

const world = pageWorld();
const { person } = world;

test("racing shares and moves leave exactly the rows the rules give", { timeout: 90_000 }, async () => {
  const ana = await person("Ana");
  const guests = await Promise.all(["G1", "G2", "G3", "G4", "G5", "G6"].map((n) => person(n)));
  const left = await page(ana.api, "Left");
  const right = await page(ana.api, "Right");
  const moving = await page(ana.api, "Moving", left.id);
  const below = await page(ana.api, "Below", moving.id);
  await Promise.all([
    ...guests.slice(0, 3).map((g) => share(ana.api, left.id, g.user.email, "viewer")),
    ...guests.slice(3).map((g) => share(ana.api, right.id, g.user.email, "editor")),
    share(ana.api, moving.id, guests[0]!.user.email, "editor"),
    move(ana.api, moving.id, right.id),
    move(ana.api, moving.id, left.id),
    move(ana.api, moving.id, right.id),
  ]);
  const { db } = world.server.services;
  const again = await db.$transaction(async (tx) => [...(await recomputeSubtree(tx, left.id)), ...(await recomputeSubtree(tx, right.id))]);
  expect(again).toEqual([]);
  // And the roles read back agree with where the page ended up.
  const parentId = (await db.document.findUniqueOrThrow({ where: { id: moving.id } })).parentId;
  const fromRight = parentId === right.id;
  expect(await roleOn(guests[0]!.api, below.id)).toBe("editor"); // explicit on Moving, passed down
  expect(await roleOn(guests[1]!.api, below.id)).toBe(fromRight ? 404 : "viewer");
  expect(await roleOn(guests[4]!.api, below.id)).toBe(fromRight ? "editor" : 404);
});
