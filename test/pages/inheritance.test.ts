// Nested pages over HTTP: a sub-page shares its parent's members (viewer reads, editor edits), an
// explicit membership on the sub-page wins, "inheritAccess: false" keeps only its own members, and
// every change of the parent's members reaches the sub-pages at once. Runs on SQLite and, with
// TEST_POSTGRES_URL, on PostgreSQL (the test server picks the database).
import { describe, expect, test } from "vitest";
import { PageNode } from "../../lib/contracts/pages";
import { share } from "../realtime/helpers";
import { crumbs, page, pageWorld, roleOn, tree } from "./helpers";

const world = pageWorld();
const { person } = world;

describe("a sub-page inherits its parent's members", () => {
  test("a viewer of the parent reads the sub-page, an editor edits it, the parent's owner edits it too", async () => {
    const [ana, bo, cy] = [await person("Ana"), await person("Bo"), await person("Cy")];
    const parent = await page(ana.api, "Handbook");
    await share(ana.api, parent.id, bo.user.email, "editor");
    await share(ana.api, parent.id, cy.user.email, "viewer");
    // Bo (an editor of the parent) makes a sub-page: he owns it, Ana inherits as editor, Cy as viewer.
    const sub = await page(bo.api, "Onboarding", parent.id);
    expect(await roleOn(bo.api, sub.id)).toBe("owner");
    expect(await roleOn(ana.api, sub.id)).toBe("editor");
    expect(await roleOn(cy.api, sub.id)).toBe("viewer");
    // Two levels down, the same.
    const subsub = await page(ana.api, "First day", sub.id);
    expect(await roleOn(cy.api, subsub.id)).toBe("viewer");
    expect(await roleOn(bo.api, subsub.id)).toBe("editor");
    // A viewer may read but not change; an editor renames.
    expect((await cy.api.patch(`/api/documents/${sub.id}`, { title: "no" })).status).toBe(403);
    expect((await ana.api.patch(`/api/documents/${sub.id}`, { title: "Onboarding guide" })).status).toBe(200);
    // A viewer cannot make sub-pages.
    expect((await cy.api.post("/api/documents", { title: "x", parentId: parent.id })).status).toBe(403);
    // The tree lists both levels under the parent, with each role.
    const cyTree = await tree(cy.api);
    expect(cyTree.filter((p) => [parent.id, sub.id, subsub.id].includes(p.id)).map((p) => [p.title, p.parentId, p.role])).toEqual([
      ["Handbook", null, "viewer"],
      ["Onboarding guide", parent.id, "viewer"],
      ["First day", sub.id, "viewer"],
    ]);
    for (const p of cyTree) PageNode.parse(p);
    expect(await crumbs(cy.api, subsub.id)).toEqual(["Handbook", "Onboarding guide"]);
  });

  test("sharing, changing and removing a member of the parent follows into every sub-page", async () => {
    const [ana, dan] = [await person("Ana"), await person("Dan")];
    const parent = await page(ana.api, "Plans");
    const sub = await page(ana.api, "Q1", parent.id);
    const subsub = await page(ana.api, "January", sub.id);
    expect(await roleOn(dan.api, subsub.id)).toBe(404);
    await share(ana.api, parent.id, dan.user.email, "viewer");
    expect(await roleOn(dan.api, subsub.id)).toBe("viewer");
    expect((await ana.api.patch(`/api/documents/${parent.id}/members/${dan.user.id}`, { role: "editor" })).status).toBe(200);
    expect(await roleOn(dan.api, subsub.id)).toBe("editor");
    // An inherited membership cannot be removed on the sub-page itself: it says where it comes from.
    const refused = await ana.api.delete(`/api/documents/${sub.id}/members/${dan.user.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain("Plans");
    expect((await ana.api.delete(`/api/documents/${parent.id}/members/${dan.user.id}`)).status).toBe(204);
    expect(await roleOn(dan.api, sub.id)).toBe(404);
    expect(await roleOn(dan.api, subsub.id)).toBe(404);
    // Where each inherited row came from is kept (the member list can say so).
    const rows = await world.server.services.db.membership.findMany({ where: { documentId: subsub.id }, select: { userId: true, inheritedFrom: true } });
    expect(rows).toEqual([{ userId: ana.user.id, inheritedFrom: null }]);
  });

  test("an explicit membership on the sub-page wins, and removing it falls back to the inherited role", async () => {
    const [ana, eve] = [await person("Ana"), await person("Eve")];
    const parent = await page(ana.api, "Design");
    const sub = await page(ana.api, "Colours", parent.id);
    await share(ana.api, parent.id, eve.user.email, "viewer");
    // Shared again on the sub-page, as editor: the sub-page's own grant wins over the inherited viewer.
    await share(ana.api, sub.id, eve.user.email, "editor");
    expect(await roleOn(eve.api, sub.id)).toBe("editor");
    expect(await roleOn(eve.api, parent.id)).toBe("viewer");
    // The parent's change does not override it.
    expect((await ana.api.delete(`/api/documents/${parent.id}/members/${eve.user.id}`)).status).toBe(204);
    expect(await roleOn(eve.api, sub.id)).toBe("editor");
    expect(await roleOn(eve.api, parent.id)).toBe(404);
    // Shared as viewer on the parent again, then the explicit grant removed: the inherited viewer returns.
    await share(ana.api, parent.id, eve.user.email, "viewer");
    expect(await roleOn(eve.api, sub.id)).toBe("editor");
    expect((await ana.api.delete(`/api/documents/${sub.id}/members/${eve.user.id}`)).status).toBe(204);
    expect(await roleOn(eve.api, sub.id)).toBe("viewer");
    // In the sub-page's tree node, the parent is visible to her: it sits under it.
    expect((await tree(eve.api)).find((p) => p.id === sub.id)?.parentId).toBe(parent.id);
  });

  test("inheritAccess false keeps only the sub-page's own members; true again brings them back", async () => {
    const [ana, fin, gus] = [await person("Ana"), await person("Fin"), await person("Gus")];
    const parent = await page(ana.api, "Team");
    const secret = await page(ana.api, "Salaries", parent.id);
    const below = await page(ana.api, "2027", secret.id);
    await share(ana.api, parent.id, fin.user.email, "editor");
    await share(ana.api, secret.id, gus.user.email, "viewer");
    expect(await roleOn(fin.api, below.id)).toBe("editor");
    // Only the owner switches it; bad input changes nothing.
    expect((await fin.api.patch(`/api/documents/${secret.id}/access`, { inheritAccess: false })).status).toBe(403);
    expect((await ana.api.patch(`/api/documents/${secret.id}/access`, { inheritAccess: "no" })).status).toBe(400);
    expect((await ana.api.patch(`/api/documents/${secret.id}/access`, { inheritAccess: false, extra: 1 })).status).toBe(400);
    expect(await roleOn(fin.api, secret.id)).toBe("editor");
    const off = await ana.api.patch(`/api/documents/${secret.id}/access`, { inheritAccess: false });
    expect(off.status).toBe(200);
    expect(PageNode.parse(off.body)).toMatchObject({ id: secret.id, inheritAccess: false, parentId: parent.id, role: "owner" });
    expect(await roleOn(fin.api, secret.id)).toBe(404);
    expect(await roleOn(fin.api, below.id)).toBe(404);
    expect(await roleOn(gus.api, secret.id)).toBe("viewer");
    expect(await roleOn(gus.api, below.id)).toBe("viewer");
    expect((await tree(fin.api)).map((p) => p.id)).not.toContain(secret.id);
    // Gus cannot see the parent: the sub-page is a root of his tree and its breadcrumbs stop there.
    expect((await tree(gus.api)).find((p) => p.id === secret.id)?.parentId).toBeNull();
    expect(await crumbs(gus.api, below.id)).toEqual(["Salaries"]);
    expect((await gus.api.get(`/api/documents/${parent.id}/breadcrumbs`)).status).toBe(404);
    expect((await ana.api.patch(`/api/documents/${secret.id}/access`, { inheritAccess: true })).status).toBe(200);
    expect(await roleOn(fin.api, below.id)).toBe("editor");
  });
});
