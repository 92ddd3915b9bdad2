// One presence, end to end: the dashboard's "open now" and the editor's avatars come from the same
// source (the collaboration rooms) through the same hook, so they name the same people, a viewer
// included; closing a tab takes its person out; a removed member sees one notice, not one per channel.
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { newAccount, signInViaApi, type Account } from "./support/accounts";
import { createDocument, openDocument, share } from "./support/documents";

test.describe.configure({ timeout: 180_000 });

type Person = { account: Account; context: BrowserContext; page: Page };

async function person(browser: Browser, name: string): Promise<Person> {
  const account = newAccount(name);
  const context = await browser.newContext();
  await signInViaApi(context, account);
  return { account, context, page: await context.newPage() };
}

const openNow = (page: Page, documentId: string) =>
  page.locator(`[data-testid="document-row"][data-document-id="${documentId}"]`).getByTestId("document-presence");
const avatarNames = (page: Page) =>
  page.getByTestId("presence-avatar").evaluateAll((items) => items.map((li) => (li.getAttribute("title") ?? "").replace(/ \(you\)$/, "")).sort());

test("the dashboard's open now and the editor's avatars show the same people; a removal shows one notice", async ({ browser }, testInfo) => {
  const ada = await person(browser, "Ada");
  const bea = await person(browser, "Bea");
  const cyd = await person(browser, "Cyd");
  const documentId = await createDocument(ada.context, "Standup notes");
  await share(ada.context, documentId, bea.account, "editor");
  await share(ada.context, documentId, cyd.account, "viewer");

  await ada.page.goto("/dashboard");
  await expect(ada.page.locator(`[data-testid="document-row"][data-document-id="${documentId}"]`)).toBeVisible({ timeout: 30_000 });
  await openDocument(bea.page, documentId);
  await openDocument(cyd.page, documentId); // a viewer counts like anyone else

  await expect(openNow(ada.page, documentId)).toHaveText("Open now: Bea, Cyd", { timeout: 30_000 });
  await expect(bea.page.getByTestId("presence-avatar")).toHaveCount(2, { timeout: 30_000 });
  expect(await avatarNames(bea.page)).toEqual(["Bea", "Cyd"]);
  await ada.page.screenshot({ path: testInfo.outputPath("dashboard-open-now.png") });
  await bea.page.screenshot({ path: testInfo.outputPath("editor-avatars.png") });

  // Cyd closes the tab: gone from the dashboard and from Bea's avatars alike.
  await cyd.page.close();
  await expect(openNow(ada.page, documentId)).toHaveText("Open now: Bea", { timeout: 30_000 });
  await expect(bea.page.getByTestId("presence-avatar")).toHaveCount(1, { timeout: 30_000 });

  // Bea is removed: both channels tell her page, and it shows one notice.
  const me = (await (await bea.context.request.get("/api/me")).json()) as { user: { id: string } };
  const removed = await ada.context.request.delete(`/api/documents/${documentId}/members/${me.user.id}`);
  expect(removed.status(), await removed.text()).toBe(204);
  const notices = bea.page.getByTestId("access-notice").or(bea.page.getByTestId("access-changed"));
  await expect(notices.first()).toBeVisible({ timeout: 30_000 });
  await expect(bea.page.locator('[data-testid="editor"][contenteditable="true"]')).toHaveCount(0, { timeout: 30_000 });
  await bea.page.waitForTimeout(1_500); // long enough for the slower channel's news to arrive too
  await expect(notices).toHaveCount(1);
  await expect(bea.page.getByTestId("presence-avatar")).toHaveCount(0, { timeout: 30_000 }); // no longer hers to see
  await expect(openNow(ada.page, documentId)).toHaveCount(0, { timeout: 30_000 });
  await bea.page.screenshot({ path: testInfo.outputPath("access-lost.png") });

  for (const p of [ada, bea, cyd]) await p.context.close();
});
