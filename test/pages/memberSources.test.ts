// The member list says where inherited access comes from (`inheritedFrom`, the parent page's title
// only for someone who can open it), and a page whose parent the caller cannot open is a root for
// them that still says it has a hidden parent (`parentHidden`). SQLite and, with TEST_POSTGRES_URL, PostgreSQL.
import { describe, expect, test } from "vitest";
import { MemberListResponse } from "../../lib/contracts/members";
import { share } from "../realtime/helpers";
import { page, pageWorld, tree } from "./helpers";

const world = pageWorld();
const { person } = world;

describe("where a member's access comes from", () => {
  test("inherited members name the page they were shared on; own members say null", async () => {
    const [ana, bo, cy] = [await person("Ana"), await person("Bo"), await person("Cy")];
    const parent = await page(ana.api, "Handbook");
    const sub = await page(ana.api, "Onboarding", parent.id);
    const subsub = await page(ana.api, "First day", sub.id);
    await share(ana.api, parent.id, bo.user.email, "viewer");
    await share(ana.api, subsub.id, cy.user.email, "editor");

    const res = await ana.api.get(`/api/documents/${subsub.id}/members`);
    expect(res.status).toBe(200);
    const members = MemberListResponse.parse(res.body).members;
    const byName = new Map(members.map((m) => [m.name, m]));
    expect(byName.get("Bo")?.inheritedFrom).toEqual({ id: parent.id, title: "Handbook" });
    expect(byName.get("Ana")?.inheritedFrom).toBeNull();
    expect(byName.get("Cy")?.inheritedFrom).toBeNull();

    // Cy, a member of the sub-sub-page only, sees that Bo's access comes from above but not its name.
    const asCy = MemberListResponse.parse((await cy.api.get(`/api/documents/${subsub.id}/members`)).body).members;
    expect(asCy.find((m) => m.name === "Bo")?.inheritedFrom).toEqual({ id: parent.id, title: null });

    // Given a role on the page itself, the member's access is the page's own.
    expect((await ana.api.patch(`/api/documents/${subsub.id}/members/${bo.user.id}`, { role: "editor" })).status).toBe(200);
    const after = MemberListResponse.parse((await ana.api.get(`/api/documents/${subsub.id}/members`)).body).members;
    expect(after.find((m) => m.name === "Bo")).toMatchObject({ role: "editor", inheritedFrom: null });
  });
});

describe("a page under a parent the caller cannot open", () => {
  test("is a root in their tree with parentHidden, and its owner can still switch inheritance", async () => {
    const [ana, bo] = [await person("Ana"), await person("Bo")];
    const parent = await page(ana.api, "Private");
    await share(ana.api, parent.id, bo.user.email, "editor");
    const sub = await page(bo.api, "Bo's notes", parent.id);
    // Ana takes Bo off the parent: Bo still owns the sub-page, whose parent he can no longer open.
    expect((await ana.api.delete(`/api/documents/${parent.id}/members/${bo.user.id}`)).status).toBe(204);
    const node = (await tree(bo.api)).find((p) => p.id === sub.id);
    expect(node).toMatchObject({ parentId: null, parentHidden: true, role: "owner", inheritAccess: true });
    expect((await tree(ana.api)).find((p) => p.id === sub.id)).toMatchObject({ parentId: parent.id, parentHidden: false });

    const off = await bo.api.patch(`/api/documents/${sub.id}/access`, { inheritAccess: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ parentId: null, parentHidden: true, inheritAccess: false });
    // Ana no longer inherits the sub-page.
    expect((await ana.api.get(`/api/documents/${sub.id}`)).status).toBe(404);
  });
});
