// The real CollaborativeEditor in Chromium against the real server: typing syncs between two people,
// presence shows both, a viewer cannot type, removal and deletion show plain-words notices.
// Skipped when no Chromium is installed (a developer laptop without browsers).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { chromium, type Browser, type Page } from "@playwright/test";
import { loadConfig } from "../../server/config";
import { startTandem, type Tandem } from "../../server/app";
import { channelFactories } from "../../server/channels";
import { collabOf } from "../../server/collab/collabChannel";
import { ApiClient } from "../helpers/server";
import { bundleHarness, harnessChannel } from "./browser/harnessChannel";

const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-editor-"));
let server: Tandem;
let browser: Browser;

beforeAll(async () => {
  if (!CHROMIUM) return;
  const script = await bundleHarness();
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  server = await startTandem(config, { channels: [...channelFactories, harnessChannel(script)] });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Person = { api: ApiClient; id: string; name: string; email: string };

async function person(name: string): Promise<Person> {
  const api = new ApiClient(server.url);
  const user = await api.signup(name);
  return { api, id: user.id, name, email: user.email };
}

async function openEditor(who: Person, documentId: string, readOnly = false): Promise<Page> {
  const context = await browser.newContext();
  const [name, value] = who.api.cookie.split("=");
  await context.addCookies([{ name, value, url: server.url }]);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[${who.name} page error]`, e.message));
  const q = new URLSearchParams({ doc: documentId, uid: who.id, name: who.name, ro: readOnly ? "1" : "0" });
  await page.goto(`${server.url}/editor-harness?${q}`);
  await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout: 20_000 });
  return page;
}

test.skipIf(!CHROMIUM)("two people edit live; viewer, removal and deletion behave", { timeout: 120_000 }, async () => {
  const ana = await person("Ana Owner");
  const ben = await person("Ben Editor");
  const vic = await person("Vic Viewer");
  const doc = (await ana.api.post("/api/documents", { title: "Browser" })).body;
  await ana.api.post(`/api/documents/${doc.id}/members`, { email: ben.email, role: "editor" });
  await ana.api.post(`/api/documents/${doc.id}/members`, { email: vic.email, role: "viewer" });

  const a = await openEditor(ana, doc.id);
  const b = await openEditor(ben, doc.id);
  await a.locator('[data-testid="editor"]').click();
  await a.keyboard.type("Hello from Ana");
  await b.getByText("Hello from Ana").waitFor({ timeout: 20_000 });
  await b.locator('[data-testid="editor"]').click();
  await b.keyboard.press("End");
  await b.keyboard.press("Enter");
  await b.keyboard.type("and Ben");
  await a.getByText("and Ben").waitFor({ timeout: 20_000 });
  await expect.poll(() => collabOf(server.services)!.readText(doc.id), { timeout: 20_000 }).toBe("Hello from Ana\nand Ben");
  // Presence: both people, each once, and Ben's named caret on Ana's page.
  await expect.poll(() => a.locator('[data-testid="presence-avatar"]').count(), { timeout: 20_000 }).toBe(2);
  await a.getByText("Ben Editor", { exact: true }).waitFor({ timeout: 20_000 });

  // Formatting through the toolbar reaches the other side as structure.
  await a.locator('[data-testid="editor"]').click();
  await a.getByRole("button", { name: "Heading 1" }).click();
  await b.locator('[data-testid="editor"] h1').waitFor({ timeout: 20_000 });

  const v = await openEditor(vic, doc.id, true);
  expect(await v.locator('[data-testid="editor"]').getAttribute("contenteditable")).toBe("false");
  await v.getByText("Hello from Ana").waitFor();

  // Ben is removed: his editor locks and says so.
  expect((await ana.api.delete(`/api/documents/${doc.id}/members/${ben.id}`)).status).toBe(204);
  await b.getByTestId("access-notice").filter({ hasText: "access to this document was removed" }).waitFor({ timeout: 20_000 });
  expect(await b.locator('[data-testid="editor"]').getAttribute("contenteditable")).toBe("false");

  // The document is deleted: Ana is told in plain words.
  expect((await ana.api.delete(`/api/documents/${doc.id}`)).status).toBe(204);
  await a.getByTestId("access-notice").filter({ hasText: "deleted" }).waitFor({ timeout: 20_000 });
});
