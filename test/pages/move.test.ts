// Moving pages: who may see a page is worked out again where it lands, and open sessions follow at
// once on every channel — a collab socket of someone who lost access closes with 4403, one whose role
// changed with 4300 (reconnect with it), and socket.io is told (access:changed, doc:removed,
// pages:changed) and taken out of the document's room. Also: cycles refused, order by beforeId, trash.
import { describe, expect, test } from "vitest";
import { CloseCode } from "../../lib/collab/closeCodes";
import { PageNode, TrashListShape } from "./shapes";
import { ask, nextEvent, openCollab, share } from "../realtime/helpers";
import { crumbs, move, page, pageWorld, roleOn, tree } from "./helpers";

const world = pageWorld();
const { person } = world;

const order = async (api: Parameters<typeof tree>[0], parentId: string) => (await tree(api)).filter((p) => p.parentId === parentId).map((p) => p.title);

describe("moving a page re-evaluates who may see it", () => {
  test("live sessions of those who lose access close (4403), those whose role changes get 4300", { timeout: 60_000 }, async () => {
    const [ana, bo, cy] = [await person("Ana"), await person("Bo"), await person("Cy")];
    const teamA = await page(ana.api, "Team A");
    const teamB = await page(ana.api, "Team B");
    await share(ana.api, teamA.id, bo.user.email, "viewer");
    await share(ana.api, teamA.id, cy.user.email, "editor");
    await share(ana.api, teamB.id, cy.user.email, "viewer");
    const notes = await page(ana.api, "Notes", teamA.id);
    expect(await roleOn(bo.api, notes.id)).toBe("viewer");
    expect(await roleOn(cy.api, notes.id)).toBe("editor");

    const boEditor = await openCollab(world.server, bo.api, notes.id);
    const cyEditor = await openCollab(world.server, cy.api, notes.id);
    const joined = await ask(bo.socket, "doc:join", { documentId: notes.id });
    expect(joined.ok).toBe(true);

    const boAccess = nextEvent(bo.socket, "access:changed", (c) => c.documentId === notes.id, 10_000);
    const boRemoved = nextEvent(bo.socket, "doc:removed", (r) => r.documentId === notes.id, 10_000);
    const boTree = nextEvent(bo.socket, "pages:changed", (c) => c.pageIds.includes(notes.id), 10_000);
    const cyTree = nextEvent(cy.socket, "pages:changed", (c) => c.pageIds.includes(notes.id), 10_000);
    const anaTree = nextEvent(ana.socket, "pages:changed", (c) => c.pageIds.includes(notes.id), 10_000);

    const moved = await move(ana.api, notes.id, teamB.id);
    expect(moved.status).toBe(200);
    expect(PageNode.parse(moved.body)).toMatchObject({ id: notes.id, parentId: teamB.id, role: "owner", inheritAccess: true });

    expect((await boEditor.closed).code).toBe(CloseCode.Forbidden);
    expect((await cyEditor.closed).code).toBe(CloseCode.AccessChanged);
    expect(await boAccess).toMatchObject({ role: null, previousRole: "viewer" });
    expect((await boRemoved).reason).toBe("removed");
    await Promise.all([boTree, cyTree, anaTree]);
    // Out of the document's room and out of its access: nothing more reaches Bo from it.
    const listed = await ask(bo.socket, "comments:list", { documentId: notes.id });
    expect(listed.ok).toBe(false);
    expect(await roleOn(bo.api, notes.id)).toBe(404);
    expect(await roleOn(cy.api, notes.id)).toBe("viewer");
    // Cy reconnects with the new role: the collab socket opens again (read-only).
    const again = await openCollab(world.server, cy.api, notes.id);
    again.ws.close();
    expect((await tree(bo.api)).map((p) => p.id)).not.toContain(notes.id);
    expect((await tree(cy.api)).find((p) => p.id === notes.id)?.parentId).toBe(teamB.id);
  });

  test("only the page's owner or an ancestor's owner moves it, onto a parent they may edit", async () => {
    const [ana, bo] = [await person("Ana"), await person("Bo")];
    const root = await page(ana.api, "Root");
    await share(ana.api, root.id, bo.user.email, "editor");
    const bosPage = await page(bo.api, "Bo's page", root.id); // Bo owns it; Ana inherits as editor
    const anasPage = await page(ana.api, "Ana's page", root.id); // Bo inherits as editor
    expect((await move(bo.api, anasPage.id, bosPage.id)).status).toBe(403);
    // Ana owns an ancestor Bo's page inherits from: she may move it.
    expect((await move(ana.api, bosPage.id, anasPage.id)).status).toBe(200);
    // Bo, its owner, may move it back, but not onto a page he only views.
    const elsewhere = await page(ana.api, "Elsewhere");
    await share(ana.api, elsewhere.id, bo.user.email, "viewer");
    const refused = await move(bo.api, bosPage.id, elsewhere.id);
    expect(refused.status).toBe(403);
    expect((await world.server.services.db.document.findUniqueOrThrow({ where: { id: bosPage.id } })).parentId).toBe(anasPage.id);
    // A parent he cannot see at all is 404, and bad bodies are 400: nothing moves.
    const hidden = await page(ana.api, "Hidden");
    expect((await move(bo.api, bosPage.id, hidden.id)).status).toBe(404);
    expect((await bo.api.post(`/api/documents/${bosPage.id}/move`, { parentId: 7 })).status).toBe(400);
    expect((await bo.api.post(`/api/documents/${bosPage.id}/move`, {})).status).toBe(400);
    expect((await bo.api.post(`/api/documents/${bosPage.id}/move`, { parentId: null, extra: true })).status).toBe(400);
    expect((await world.server.services.db.document.findUniqueOrThrow({ where: { id: bosPage.id } })).parentId).toBe(anasPage.id);
    // A move that would lock the mover out is refused and undone: Ana moving Bo's page to the top
    // level would leave her without access (she only inherited it).
    const lockout = await move(ana.api, bosPage.id, null);
    expect(lockout.status).toBe(409);
    expect(await roleOn(ana.api, bosPage.id)).toBe("editor");
    expect((await move(bo.api, bosPage.id, null)).status).toBe(200);
    expect(await roleOn(ana.api, bosPage.id)).toBe(404);
  });

  test("a page cannot move into itself or below itself (409)", async () => {
    const ana = await person("Ana");
    const a = await page(ana.api, "A");
    const b = await page(ana.api, "B", a.id);
    const c = await page(ana.api, "C", b.id);
    for (const target of [a.id, b.id, c.id]) {
      const res = await move(ana.api, a.id, target);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toContain("sub-pages");
    }
    expect((await world.server.services.db.document.findUniqueOrThrow({ where: { id: a.id } })).parentId).toBeNull();
    expect(await crumbs(ana.api, c.id)).toEqual(["A", "B"]);
    // Moving C up to the top level is fine, and its breadcrumbs follow.
    expect((await move(ana.api, c.id, null)).status).toBe(200);
    expect(await crumbs(ana.api, c.id)).toEqual([]);
  });

  test("beforeId orders siblings by midpoints, renumbering when the gap gets too small", async () => {
    const ana = await person("Ana");
    const parent = await page(ana.api, "Parent");
    const [one, two, three] = [await page(ana.api, "one", parent.id), await page(ana.api, "two", parent.id), await page(ana.api, "three", parent.id)];
    expect(await order(ana.api, parent.id)).toEqual(["one", "two", "three"]);
    expect((await move(ana.api, three.id, parent.id, one.id)).status).toBe(200);
    expect(await order(ana.api, parent.id)).toEqual(["three", "one", "two"]);
    expect((await move(ana.api, three.id, parent.id, null)).status).toBe(200);
    expect(await order(ana.api, parent.id)).toEqual(["one", "two", "three"]);
    // Halving the same gap again and again: positions get too close, the siblings are renumbered.
    let front = two.id;
    const extra: string[] = [];
    for (let i = 0; i < 60; i++) {
      const p = await page(ana.api, `x${i}`, parent.id);
      expect((await move(ana.api, p.id, parent.id, front)).status).toBe(200);
      front = p.id;
      extra.unshift(`x${i}`);
    }
    expect(await order(ana.api, parent.id)).toEqual(["one", ...extra, "two", "three"]);
    const positions = (await tree(ana.api)).filter((p) => p.parentId === parent.id).map((p) => p.position);
    expect(new Set(positions).size).toBe(positions.length);
    // A beforeId that is not under the new parent is refused.
    const stranger = await page(ana.api, "stranger");
    expect((await move(ana.api, one.id, parent.id, stranger.id)).status).toBe(409);
    expect(await order(ana.api, parent.id)).toEqual(["one", ...extra, "two", "three"]);
  });

  test("breadcrumbs stop at an ancestor the caller cannot open", async () => {
    const [ana, dee] = [await person("Ana"), await person("Dee")];
    const top = await page(ana.api, "Company");
    const mid = await page(ana.api, "Engineering", top.id);
    const leaf = await page(ana.api, "Runbook", mid.id);
    await share(ana.api, mid.id, dee.user.email, "viewer"); // on Engineering only: she does not see Company
    expect(await crumbs(ana.api, leaf.id)).toEqual(["Company", "Engineering"]);
    expect(await crumbs(dee.api, leaf.id)).toEqual(["Engineering"]);
    expect(await crumbs(dee.api, mid.id)).toEqual([]);
    expect((await dee.api.get(`/api/documents/${top.id}/breadcrumbs`)).status).toBe(404);
    const deeTree = await tree(dee.api);
    expect(deeTree.find((p) => p.id === mid.id)?.parentId).toBeNull();
    expect(deeTree.find((p) => p.id === leaf.id)?.parentId).toBe(mid.id);
  });
});

describe("the trash takes sub-pages with their page", () => {
  test("trashing a page trashes its sub-pages and closes their sessions; restoring brings them back", { timeout: 60_000 }, async () => {
    const [ana, bo] = [await person("Ana"), await person("Bo")];
    const parent = await page(ana.api, "Project");
    const child = await page(ana.api, "Tasks", parent.id);
    const grandchild = await page(ana.api, "Done", child.id);
    await share(ana.api, parent.id, bo.user.email, "editor");
    const boEditor = await openCollab(world.server, bo.api, grandchild.id);
    expect((await ana.api.delete(`/api/documents/${parent.id}`)).status).toBe(204);
    expect((await boEditor.closed).code).toBe(CloseCode.DocumentDeleted);
    for (const id of [parent.id, child.id, grandchild.id]) expect(await roleOn(bo.api, id)).toBe(404);
    expect((await tree(ana.api)).map((p) => p.id)).not.toContain(child.id);
    const trashed = TrashListShape.parse((await ana.api.get("/api/trash")).body).documents.map((d) => d.id);
    expect(trashed).toEqual(expect.arrayContaining([parent.id, child.id, grandchild.id]));

    expect((await ana.api.post(`/api/trash/${parent.id}/restore`)).status).toBe(200);
    for (const id of [parent.id, child.id, grandchild.id]) expect(await roleOn(bo.api, id)).not.toBe(404);
    expect((await tree(bo.api)).find((p) => p.id === grandchild.id)?.parentId).toBe(child.id);

    // A sub-page restored alone while its parent stays in the trash comes back at the top level,
    // with only its own members (nothing to inherit from a page in the trash).
    expect((await ana.api.delete(`/api/documents/${parent.id}`)).status).toBe(204);
    expect((await ana.api.post(`/api/trash/${child.id}/restore`)).status).toBe(200);
    const anaTree = await tree(ana.api);
    expect(anaTree.find((p) => p.id === child.id)?.parentId).toBeNull();
    expect(await roleOn(bo.api, child.id)).toBe(404);
    // Deleting the parent for good takes what was trashed with it, not the page restored since.
    expect((await ana.api.delete(`/api/trash/${parent.id}`)).status).toBe(204);
    expect(await world.server.services.db.document.count({ where: { id: { in: [parent.id, child.id, grandchild.id] } } })).toBe(2);
  });

  test("the trash lists sub-pages with the page they went with; one trashed on its own stands alone, and restores to the top level once its parent is gone for good", async () => {
    const ana = await person("Ana");
    const parent = await page(ana.api, "Archive");
    const child = await page(ana.api, "2025", parent.id);
    const grandchild = await page(ana.api, "Q4", child.id);
    const earlier = await page(ana.api, "Drafts", parent.id);
    expect((await ana.api.delete(`/api/documents/${earlier.id}`)).status).toBe(204);
    expect((await ana.api.delete(`/api/documents/${parent.id}`)).status).toBe(204);
    const listed = new Map(TrashListShape.parse((await ana.api.get("/api/trash")).body).documents.map((d) => [d.id, d.trashedWithId]));
    expect(listed.get(parent.id)).toBeNull();
    expect(listed.get(child.id)).toBe(parent.id);
    expect(listed.get(grandchild.id)).toBe(child.id);
    // Trashed before its parent, in an act of its own: restoring the parent does not bring it back.
    expect(listed.get(earlier.id)).toBeNull();

    expect((await ana.api.delete(`/api/trash/${parent.id}`)).status).toBe(204);
    const after = TrashListShape.parse((await ana.api.get("/api/trash")).body).documents;
    expect(after.map((d) => d.id)).toContain(earlier.id);
    expect(after.map((d) => d.id)).not.toContain(child.id);
    expect((await ana.api.post(`/api/trash/${earlier.id}/restore`)).status).toBe(200);
    expect((await tree(ana.api)).find((p) => p.id === earlier.id)).toMatchObject({ parentId: null, parentHidden: false });
  });
});
