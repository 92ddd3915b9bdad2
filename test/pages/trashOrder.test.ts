// The trash's order (lib/contracts/trash.ts): groups — a page and the sub-pages trashed with it —
// newest-deleted first; inside a group the tree's order (a page, then its sub-pages by position, depth
// first), not the order they were made in. Runs on SQLite and, with TEST_POSTGRES_URL, PostgreSQL.
import { describe, expect, test } from "vitest";
import { TrashListShape } from "./shapes";
import { move, page, pageWorld } from "./helpers";

const world = pageWorld();

describe("the trash's order", () => {
  test("groups newest-deleted first, each in tree order", async () => {
    const ana = await world.person("Ana");
    const old = await page(ana.api, "Old");
    const archive = await page(ana.api, "Archive");
    const c = await page(ana.api, "C", archive.id);
    const a = await page(ana.api, "A", archive.id);
    const b = await page(ana.api, "B", archive.id);
    const a2 = await page(ana.api, "A2", a.id);
    const a1 = await page(ana.api, "A1", a.id);
    // Tree order A (A1, A2), B, C: the reverse of the order they were made in.
    expect((await move(ana.api, a.id, archive.id, c.id)).status).toBe(200);
    expect((await move(ana.api, b.id, archive.id, c.id)).status).toBe(200);
    expect((await move(ana.api, a1.id, a.id, a2.id)).status).toBe(200);
    const newest = await page(ana.api, "Newest");

    for (const p of [old, archive, newest]) {
      expect((await ana.api.delete(`/api/documents/${p.id}`)).status).toBe(204);
      await new Promise((r) => setTimeout(r, 5)); // separate acts: separate instants
    }
    const listed = TrashListShape.parse((await ana.api.get("/api/trash")).body).documents;
    expect(listed.map((d) => d.title)).toEqual(["Newest", "Archive", "A", "A1", "A2", "B", "C", "Old"]);
    expect(listed.map((d) => d.trashedWithId)).toEqual([null, null, archive.id, a.id, a.id, archive.id, archive.id, null]);
  });
});
