// A page exported with its sub-pages (GET /api/documents/:id/export-pages): one zip, read back with
// fflate's unzip, the page as "<Title>.md" and each sub-page the caller can open in its parent's
// folder; a sub-page hidden from the caller is left out, and strangers get 404.
import { strFromU8, unzipSync } from "fflate";
import { expect, test } from "vitest";
import { ArchiveIndex } from "../../lib/contracts/importExport";
import { share } from "../realtime/helpers";
import { move, page, pageWorld } from "./helpers";

const world = pageWorld();
const { person } = world;

async function imported(api: Awaited<ReturnType<typeof person>>["api"], text: string): Promise<string> {
  const res = await api.post("/api/documents/import", { format: "markdown", fileName: "page.md", text });
  if (res.status !== 201) throw new Error(`import failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

test("the archive holds the page and the sub-pages the caller can open, in folders", { timeout: 60_000 }, async () => {
  const [ana, bo, cy] = [await person("Ana"), await person("Bo"), await person("Cy")];
  const handbook = await imported(ana.api, "# Handbook\n\nStart here.\n");
  const onboarding = await imported(ana.api, "# Onboarding\n\nWelcome.\n");
  const dayOne = await imported(ana.api, "# Day one\n\nCoffee.\n");
  expect((await move(ana.api, onboarding, handbook)).status).toBe(200);
  expect((await move(ana.api, dayOne, onboarding)).status).toBe(200);
  const privatePage = await page(ana.api, "Salaries", handbook);
  expect((await ana.api.patch(`/api/documents/${privatePage.id}/access`, { inheritAccess: false })).status).toBe(200);
  await share(ana.api, handbook, bo.user.email, "viewer");

  const res = await fetch(`${world.server.url}/api/documents/${handbook}/export-pages`, { headers: { cookie: bo.api.cookie } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/zip");
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="Handbook\.zip"/);
  expect(res.headers.get("x-tandem-documents")).toBe("3");
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  expect(Object.keys(files).sort()).toEqual(["Handbook.md", "Handbook/Onboarding.md", "Handbook/Onboarding/Day one.md", "documents.json"].sort());
  expect(strFromU8(files["Handbook/Onboarding/Day one.md"])).toBe("# Day one\n\nCoffee.\n");
  expect(strFromU8(files["Handbook.md"])).toBe("# Handbook\n\nStart here.\n");
  const index = ArchiveIndex.parse(JSON.parse(strFromU8(files["documents.json"])));
  expect(index.documents.map((d) => d.id)).toEqual([handbook, onboarding, dayOne]);
  expect(index.documents.map((d) => d.file)).toEqual(["Handbook.md", "Handbook/Onboarding.md", "Handbook/Onboarding/Day one.md"]);

  // Its owner gets the hidden sub-page too; a stranger learns nothing.
  const own = await fetch(`${world.server.url}/api/documents/${handbook}/export-pages`, { headers: { cookie: ana.api.cookie } });
  expect(own.headers.get("x-tandem-documents")).toBe("4");
  expect(Object.keys(unzipSync(new Uint8Array(await own.arrayBuffer())))).toContain("Handbook/Salaries.md");
  expect((await cy.api.get(`/api/documents/${handbook}/export-pages`)).status).toBe(404);
});
