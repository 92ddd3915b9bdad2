// Each account keeps its own order of its top level (lib/contracts/pages.ts): one person reordering
// theirs leaves everyone else's as it was, any member may reorder their own, a page new to an account
// lands last for it, and sub-pages keep the one shared order. SQLite and, with TEST_POSTGRES_URL, PostgreSQL.
import { describe, expect, test } from "vitest";
import type { ApiClient } from "../helpers/server";
import { share } from "../realtime/helpers";
import { move, page, pageWorld, tree } from "./helpers";

const world = pageWorld();

const topLevel = async (api: ApiClient) =>
  (await tree(api))
    .filter((p) => p.parentId === null)
    .sort((a, b) => a.position - b.position)
    .map((p) => p.title);
const under = async (api: ApiClient, parentId: string) =>
  (await tree(api))
    .filter((p) => p.parentId === parentId)
    .sort((a, b) => a.position - b.position)
    .map((p) => p.title);

describe("each account's own top-level order", () => {
  test("two accounts reorder their top levels independently; new pages land last for each", async () => {
    const [ana, bo] = [await world.person("Ana"), await world.person("Bo")];
    const [one, two, three] = [await page(ana.api, "One"), await page(ana.api, "Two"), await page(ana.api, "Three")];
    for (const p of [one, two, three]) await share(ana.api, p.id, bo.user.email, "viewer");
    expect(await topLevel(ana.api)).toEqual(["One", "Two", "Three"]);
    expect(await topLevel(bo.api)).toEqual(["One", "Two", "Three"]);

    expect((await move(ana.api, three.id, null, one.id)).status).toBe(200);
    expect(await topLevel(ana.api)).toEqual(["Three", "One", "Two"]);
    expect(await topLevel(bo.api)).toEqual(["One", "Two", "Three"]);

    // Bo only views these pages, yet his top level is his own to order.
    const moved = await move(bo.api, one.id, null, null);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: one.id, parentId: null, position: 3, role: "viewer" });
    expect(await topLevel(bo.api)).toEqual(["Two", "Three", "One"]);
    expect(await topLevel(ana.api)).toEqual(["Three", "One", "Two"]);

    // New pages: last for their maker, and last for whoever they are shared with.
    const four = await page(ana.api, "Four");
    const bosOwn = await page(bo.api, "Bo's own");
    expect(await topLevel(ana.api)).toEqual(["Three", "One", "Two", "Four"]);
    expect(await topLevel(bo.api)).toEqual(["Two", "Three", "One", "Bo's own"]);
    await share(ana.api, four.id, bo.user.email, "editor");
    expect(await topLevel(bo.api)).toEqual(["Two", "Three", "One", "Bo's own", "Four"]);
    expect((await move(bo.api, bosOwn.id, null, two.id)).status).toBe(200);
    expect(await topLevel(bo.api)).toEqual(["Bo's own", "Two", "Three", "One", "Four"]);
    expect(await topLevel(ana.api)).toEqual(["Three", "One", "Two", "Four"]);
  });

  test("a page moved to the top level goes where its mover puts it; sub-pages keep one shared order", async () => {
    const [ana, bo] = [await world.person("Ana"), await world.person("Bo")];
    const home = await page(ana.api, "Home");
    const work = await page(ana.api, "Work");
    await share(ana.api, work.id, bo.user.email, "editor");
    const a = await page(ana.api, "A", work.id);
    const b = await page(ana.api, "B", work.id);
    expect((await move(ana.api, b.id, work.id, a.id)).status).toBe(200);
    expect(await under(ana.api, work.id)).toEqual(["B", "A"]);
    expect(await under(bo.api, work.id)).toEqual(["B", "A"]);

    // Out to the top level in front of Home: Ana's place for it, not a shared one.
    expect((await move(ana.api, a.id, null, home.id)).status).toBe(200);
    expect(await topLevel(ana.api)).toEqual(["A", "Home", "Work"]);
    // In front of a page that is not at the caller's top level: refused, nothing moves.
    const refused = await move(ana.api, home.id, null, b.id);
    expect(refused.status).toBe(409);
    expect(await topLevel(ana.api)).toEqual(["A", "Home", "Work"]);
    // Bo is not a member of the moved page any more (it no longer sits under Work): his list is just Work.
    expect(await topLevel(bo.api)).toEqual(["Work"]);
    // Reordering needs a page at the caller's top level: Bo cannot pull Ana's sub-page out.
    expect((await move(bo.api, b.id, null, null)).status).toBe(403);
  });
});
