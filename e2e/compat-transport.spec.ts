// Where WebSockets are blocked (a proxy that refuses upgrades), the editor switches to the HTTP
// transport (SSE down, POST up) by itself, says "Connected (compatibility mode)", co-edits with a page
// on WebSockets, and returns to a WebSocket once one works again.
// With SHOTS_DIR set, the status line is photographed on desktop and phone, light and dark.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signInViaApi } from "./support/accounts";
import { connectionState, createDocument, documentText, editor, openDocument, share } from "./support/documents";

test.describe.configure({ timeout: 240_000 });

const shotsDir = process.env.SHOTS_DIR;
const compat = (page: Page) => page.getByTestId("transport-compat");

async function shoot(page: Page, name: string) {
  if (!shotsDir) return;
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.getByTestId("editor-chrome").screenshot({ path: path.join(shotsDir, `${name}.png`) });
}

test("a page whose WebSockets are refused co-edits over HTTP, then recovers to the WebSocket", async ({ browser }) => {
  const alice = newAccount("Alice");
  const bob = newAccount("Bob");
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  await signInViaApi(aliceContext, alice);
  await signInViaApi(bobContext, bob);
  const documentId = await createDocument(aliceContext, "Compatibility");
  await share(aliceContext, documentId, bob, "editor");

  // Bob's collab WebSockets never reach the server: each is cut at once, as by a proxy refusing upgrades.
  let blocked = true;
  const httpRequests: string[] = [];
  bobContext.on("request", (r) => {
    if (r.url().includes("/api/collab/")) httpRequests.push(r.url());
  });
  await bobContext.routeWebSocket(/\/collab\//, (ws) => {
    if (blocked) return ws.close({ code: 1006, reason: "blocked" });
    ws.connectToServer();
  });

  const alicePage = await aliceContext.newPage();
  await openDocument(alicePage, documentId);
  const bobPage = await bobContext.newPage();
  await bobPage.goto(`/documents/${documentId}`);
  await expect(editor(bobPage)).toBeVisible({ timeout: 30_000 });
  await expect(compat(bobPage)).toHaveText("· Connected (compatibility mode)", { timeout: 30_000 });
  await expect(connectionState(bobPage)).toHaveAttribute("data-state", "connected");
  await expect(compat(alicePage)).toHaveCount(0);
  expect(httpRequests.some((u) => u.includes("/stream"))).toBe(true);

  // Both ways, while Bob is on HTTP.
  await editor(alicePage).click();
  await alicePage.keyboard.type("Alice over WebSocket.");
  await expect(editor(bobPage)).toContainText("Alice over WebSocket.", { timeout: 15_000 });
  await editor(bobPage).click();
  await bobPage.keyboard.press("End");
  await bobPage.keyboard.press("Enter");
  await bobPage.keyboard.type("Bob over HTTP.");
  await expect(editor(alicePage)).toContainText("Bob over HTTP.", { timeout: 15_000 });
  // "Saved" over HTTP too: the durable acknowledgement came down the stream.
  await expect(bobPage.getByTestId("save-status")).toHaveText("Saved", { timeout: 15_000 });
  expect(await documentText(bobPage)).toBe(await documentText(alicePage));

  for (const [name, viewport] of [
    ["desktop", { width: 1280, height: 800 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    await bobPage.setViewportSize(viewport);
    for (const scheme of ["light", "dark"] as const) {
      await bobPage.emulateMedia({ colorScheme: scheme });
      await shoot(bobPage, `compat-${name}-${scheme}`);
    }
  }
  await bobPage.setViewportSize({ width: 1280, height: 800 });
  await bobPage.emulateMedia({ colorScheme: "light" });

  // WebSockets work again: the background probe finds it and the editor moves back.
  blocked = false;
  await expect(compat(bobPage)).toHaveCount(0, { timeout: 90_000 });
  await expect(connectionState(bobPage)).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
  await bobPage.keyboard.type(" Back on WebSocket.");
  await expect(editor(alicePage)).toContainText("Back on WebSocket.", { timeout: 15_000 });
  await expect(bobPage.getByTestId("save-status")).toHaveText("Saved", { timeout: 15_000 });
  // No stream is open any more: what Bob types now goes over the WebSocket.
  const before = httpRequests.length;
  await bobPage.keyboard.type(" More.");
  await expect(editor(alicePage)).toContainText("More.", { timeout: 15_000 });
  expect(httpRequests.slice(before).filter((u) => u.includes("/frames"))).toEqual([]);
  await shoot(bobPage, "compat-recovered-desktop-light");

  await aliceContext.close();
  await bobContext.close();
});
