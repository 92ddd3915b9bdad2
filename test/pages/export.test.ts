// A page exported with its sub-pages (GET /api/documents/:id/export-pages): one tar, read back with the
// system's own `tar`, the page as "<Title>.md" and each sub-page the caller can open in its parent's
// folder; a sub-page hidden from the caller is left out, and strangers get 404.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
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
  expect(res.headers.get("content-type")).toBe("application/x-tar");
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="Handbook\.tar"/);
  expect(res.headers.get("x-tandem-documents")).toBe("3");
  const dir = fs.mkdtempSync(path.join(world.server.dataDir, "pages-"));
  fs.writeFileSync(path.join(dir, "pages.tar"), Buffer.from(await res.arrayBuffer()));
  const listed = execFileSync("tar", ["-tf", "pages.tar"], { cwd: dir, encoding: "utf8" }).trim().split("\n").sort();
  expect(listed).toEqual(["Handbook.md", "Handbook/Onboarding.md", "Handbook/Onboarding/Day one.md", "documents.json"].sort());
  execFileSync("tar", ["-xf", "pages.tar"], { cwd: dir });
  expect(fs.readFileSync(path.join(dir, "Handbook/Onboarding/Day one.md"), "utf8")).toBe("# Day one\n\nCoffee.\n");
  const index = ArchiveIndex.parse(JSON.parse(fs.readFileSync(path.join(dir, "documents.json"), "utf8")));
  expect(index.documents.map((d) => d.id)).toEqual([handbook, onboarding, dayOne]);

  // Its owner gets the hidden sub-page too; a stranger learns nothing.
  const own = await fetch(`${world.server.url}/api/documents/${handbook}/export-pages`, { headers: { cookie: ana.api.cookie } });
  expect(own.headers.get("x-tandem-documents")).toBe("4");
  await own.arrayBuffer();
  expect((await cy.api.get(`/api/documents/${handbook}/export-pages`)).status).toBe(404);
});
