// Version history in the browser, two people online: Ana writes, names "Draft 1", writes more, opens
// the history, compares (the new text is highlighted, her name on hover), restores "Draft 1" and Ben's
// open editor shows it live; she undoes it from the toast and both have the later text back. Who wrote
// what colours Ben's line in his colour. A viewer browses and compares but has no Restore or naming.
import path from "node:path";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { newAccount, signInViaApi, type Account } from "./support/accounts";
import { createDocument, documentText, expectTextContains, openDocument, share, typeOnNewLine } from "./support/documents";

test.describe.configure({ timeout: 240_000 });

const screens = (name: string) => path.join(test.info().project.outputDir, "screens", `history-${name}.png`);

type Person = { account: Account; context: BrowserContext; page: Page };

async function person(browser: Browser, name: string): Promise<Person> {
  const account = newAccount(name);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await signInViaApi(context, account);
  return { account, context, page: await context.newPage() };
}

/** Waits until none of the pieces is in the document's text any more. */
async function expectTextLacks(page: Page, ...pieces: string[]): Promise<void> {
  await expect
    .poll(
      async () => {
        const text = await documentText(page);
        return pieces.filter((p) => text.includes(p));
      },
      { timeout: 30_000, message: `document text should no longer contain ${JSON.stringify(pieces)}` },
    )
    .toEqual([]);
}

const panel = (page: Page) => page.getByTestId("history-panel");
const row = (page: Page, name: string) => panel(page).getByTestId("version-row").filter({ hasText: name });

test("name a version, compare it, restore it live for a co-editor, undo; who wrote what; a viewer cannot restore", async ({ browser }) => {
  const ana = await person(browser, "Ana");
  const ben = await person(browser, "Ben");
  const cy = await person(browser, "Cy");
  const documentId = await createDocument(ana.context, "Launch plan");
  await share(ana.context, documentId, ben.account, "editor");
  await share(ana.context, documentId, cy.account, "viewer");
  await openDocument(ana.page, documentId);
  await openDocument(ben.page, documentId);

  // Ana writes; once Ben has it the server has it too. She names the version from the panel,
  // opened with the keyboard shortcut.
  await typeOnNewLine(ana.page, "We ship in spring.");
  await expectTextContains(ben.page, "We ship in spring.");
  await ana.page.keyboard.press("Control+Alt+KeyH");
  await expect(panel(ana.page)).toBeVisible();
  await expect(ana.page.getByTestId("history-button")).toHaveAttribute("title", "Version history (Ctrl+Alt+H)");
  await panel(ana.page).getByTestId("name-version").click();
  const form = panel(ana.page).getByTestId("name-version-form");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("Give this version a name.")).toBeVisible(); // an empty name is asked for, next to the field
  await form.getByLabel("Version name").fill("Draft 1");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(panel(ana.page).getByText("Saved as “Draft 1”.")).toBeVisible();
  await expect(row(ana.page, "Draft 1")).toBeVisible();
  await expect(row(ana.page, "Draft 1").getByTestId("version-contributors")).toContainText("Ana");

  // Escape closes the panel and gives focus back to the History button.
  await panel(ana.page).getByTestId("current-version-row").focus();
  await ana.page.keyboard.press("Escape");
  await expect(panel(ana.page)).toBeHidden();
  await expect(ana.page.getByTestId("history-button")).toBeFocused();

  // More text after the named version.
  await typeOnNewLine(ana.page, "Budget doubled for the launch.");
  await expectTextContains(ben.page, "Budget doubled for the launch.");
  // And the first line made a heading (Ctrl+Alt+2): a new element in Yjs, the same text to Ana.
  await ana.page.locator(".ProseMirror p", { hasText: "We ship in spring." }).click();
  await ana.page.keyboard.press("Control+Alt+Digit2");
  await expect(ben.page.locator(".ProseMirror h2", { hasText: "We ship in spring." })).toBeVisible();

  // The history again (the button this time): Draft 1 shows read-only, without the later line.
  await ana.page.getByTestId("history-button").click();
  await row(ana.page, "Draft 1").click();
  const view = ana.page.getByTestId("version-view");
  await expect(view.getByTestId("viewing-title")).toHaveText("Draft 1");
  const content = view.getByTestId("version-content");
  await expect(content).toContainText("We ship in spring.");
  await expect(content).not.toContainText("Budget doubled");
  await expect(content).toHaveAttribute("contenteditable", "false");
  await expect(ana.page.getByTestId("editor")).toBeHidden();

  // Compare with the current text: the later line is highlighted as added, by Ana.
  await view.getByTestId("compare-with-current").click();
  const added = ana.page.getByTestId("compare-content").locator("ins", { hasText: "Budget doubled for the launch." });
  await expect(added).toBeVisible();
  await expect(ana.page.getByTestId("compare-content").locator("del")).toHaveCount(0);
  // The heading shows as a formatting change by Ana, not as the line removed and written again.
  const retyped = ana.page.getByTestId("compare-content").locator('[data-change="block-formatted"]', { hasText: "We ship in spring." });
  await expect(retyped).toHaveAttribute("data-tip", /^Formatting changed \(was Paragraph\) by Ana/);
  // Hovering it says who and when (the later line is in no version yet).
  await added.hover();
  await expect(ana.page.getByTestId("change-card")).toHaveText(/^Added by Ana · (since the last version|today at )/);
  await ana.page.screenshot({ path: screens("compare") });

  // Restore Draft 1: asked first, then back to editing with an Undo; Ben's open editor follows live.
  await ana.page.getByTestId("compare-view").getByRole("button", { name: "Restore this version" }).click();
  const confirm = ana.page.getByTestId("ask-dialog");
  await expect(confirm).toContainText("kept as a restore point");
  await confirm.getByRole("button", { name: "Restore" }).click();
  await expect(ana.page.getByTestId("editor")).toBeVisible();
  await expect(panel(ana.page)).toBeHidden();
  const toast = ana.page.getByTestId("restore-toast");
  await expect(toast).toContainText("Restored “Draft 1”.");
  await expectTextLacks(ana.page, "Budget doubled");
  await expectTextContains(ben.page, "We ship in spring.");
  await expectTextLacks(ben.page, "Budget doubled");

  // The text before the restore was kept as a restore point.
  await ana.page.getByTestId("history-button").click();
  await expect(panel(ana.page).locator('[data-testid="version-row"][data-kind="restore-point"]')).toHaveCount(1);
  await ana.page.keyboard.press("Escape");

  // Undo from the toast: both editors have the later line back.
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(toast).toContainText("Undone");
  await expectTextContains(ana.page, "Budget doubled for the launch.");
  await expectTextContains(ben.page, "Budget doubled for the launch.");

  // Who wrote what: Ben adds a line; Ana sees each stretch in its author's colour, with a legend.
  await typeOnNewLine(ben.page, "Ben checked the numbers.");
  await expectTextContains(ana.page, "Ben checked the numbers.");
  await ana.page.getByTestId("history-button").click();
  await panel(ana.page).getByTestId("who-wrote-what").click();
  await expect(panel(ana.page).getByTestId("who-wrote-what")).toHaveAttribute("aria-checked", "true");
  const authorship = ana.page.getByTestId("authorship-view");
  await expect(authorship.getByTestId("authors-legend")).toContainText("Ana");
  await expect(authorship.getByTestId("authors-legend")).toContainText("Ben");
  const bens = authorship.getByTestId("authorship-content").locator("span[data-author-id]", { hasText: "Ben checked the numbers." });
  await bens.hover();
  await expect(authorship.getByTestId("change-card")).toHaveText(/^Written by Ben · /);
  await authorship.getByTestId("authorship-content").locator("span[data-author-id]", { hasText: "We ship in spring." }).hover();
  await expect(authorship.getByTestId("change-card")).toHaveText(/^Written by Ana · /);
  await ana.page.screenshot({ path: screens("who-wrote-what") });

  // Cy, a viewer: browses and compares; no Restore, no naming.
  await openDocument(cy.page, documentId);
  await cy.page.getByTestId("history-button").click();
  await expect(panel(cy.page).getByTestId("name-version")).toHaveCount(0);
  await row(cy.page, "Draft 1").click();
  const cyView = cy.page.getByTestId("version-view");
  await expect(cyView.getByTestId("version-content")).toContainText("We ship in spring.");
  await expect(cyView.getByRole("button", { name: "Restore this version" })).toHaveCount(0);
  await expect(cyView.getByRole("button", { name: /Rename|Name it|Delete/ })).toHaveCount(0);
  await cyView.getByTestId("compare-with-current").click();
  await cy.page.getByTestId("compare-content").locator("ins", { hasText: "Ben checked the numbers." }).hover();
  await expect(cy.page.getByTestId("change-card")).toHaveText(/^Added by Ben · /);
  await expect(cy.page.getByTestId("compare-view").getByRole("button", { name: "Restore this version" })).toHaveCount(0);
  await cy.page.getByRole("button", { name: "Back to the document" }).click();
  await expect(cy.page.getByTestId("editor")).toBeVisible();

  for (const p of [ana, ben, cy]) await p.context.close();
});

test("the versions list is one Tab stop, walked with the arrow keys; days fold their automatic versions; the owner renames and deletes one", async ({
  browser,
}) => {
  const ana = await person(browser, "Ana");
  const documentId = await createDocument(ana.context, "Notes");
  await openDocument(ana.page, documentId);
  await typeOnNewLine(ana.page, "First line.");
  for (const name of ["One", "Two"]) {
    const res = await ana.context.request.post(`/api/documents/${documentId}/versions`, { data: { name } });
    expect(res.status(), await res.text()).toBe(201);
  }
  await ana.page.getByTestId("history-button").click();
  // Focus lands on the list (Current version); Down walks to the day, then the newest version.
  await expect(panel(ana.page).getByTestId("current-version-row")).toBeFocused();
  await ana.page.keyboard.press("ArrowDown");
  const day = panel(ana.page).getByTestId("version-day").first().getByRole("button", { expanded: true });
  await expect(day).toBeFocused();
  await expect(day).toContainText("Today");
  // (An automatic version may join them if the server saw a pause: counts are at least ours.)
  await expect(day).toContainText(/\d+ versions/);
  await ana.page.keyboard.press("ArrowDown");
  const newest = panel(ana.page).getByTestId("version-row").first();
  await expect(newest).toBeFocused();
  await ana.page.keyboard.press("Enter");
  await expect(newest).toHaveAttribute("aria-current", "true");
  await expect(ana.page.getByTestId("version-view")).toBeVisible();
  // Named versions stay in view when their day is folded.
  await day.click();
  await expect(panel(ana.page).getByTestId("version-day").first().getByRole("button", { expanded: false })).toBeVisible();
  await expect(row(ana.page, "One")).toBeVisible();

  // The owner renames a version (asked in a dialog), then deletes it after a confirmation.
  await row(ana.page, "One").click();
  const bar = ana.page.getByTestId("version-view");
  await bar.getByRole("button", { name: "Rename" }).click();
  const ask = ana.page.getByTestId("ask-dialog");
  await ask.getByLabel("Version name").fill("One, reviewed");
  await ask.getByRole("button", { name: "Save" }).click();
  await expect(bar.getByTestId("viewing-title")).toHaveText("One, reviewed");
  await expect(row(ana.page, "One, reviewed")).toBeVisible();
  await bar.getByRole("button", { name: "Delete" }).click();
  await expect(ask).toContainText("The document itself does not change.");
  await ask.getByRole("button", { name: "Delete version" }).click();
  await expect(row(ana.page, "One, reviewed")).toHaveCount(0);
  await expect(ana.page.getByTestId("editor")).toBeVisible(); // the deleted version is no longer shown
  await ana.context.close();
});

test("on a phone the history is a full-screen sheet that keeps focus inside, and steps aside for a version", async ({ browser }) => {
  const ana = await person(browser, "Ana");
  await ana.page.setViewportSize({ width: 390, height: 844 });
  const documentId = await createDocument(ana.context, "Pocket notes");
  await openDocument(ana.page, documentId);
  await typeOnNewLine(ana.page, "Written on the bus.");
  const res = await ana.context.request.post(`/api/documents/${documentId}/versions`, { data: { name: "Bus draft" } });
  expect(res.status(), await res.text()).toBe(201);

  await ana.page.getByTestId("history-button").click();
  const sheet = ana.page.getByRole("dialog", { name: "Version history" });
  await expect(sheet).toBeVisible();
  await expect(sheet).toHaveAttribute("aria-modal", "true");
  const box = await sheet.boundingBox();
  expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
  // Tab goes round inside the sheet.
  await expect(row(ana.page, "Bus draft")).toBeVisible();
  for (let i = 0; i < 8; i++) {
    await ana.page.keyboard.press("Tab");
    expect(await sheet.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  // Choosing a version puts it on screen (its heading takes focus); "All versions" brings the list back.
  await row(ana.page, "Bus draft").click();
  await expect(sheet).toBeHidden();
  await expect(ana.page.getByTestId("version-view").getByRole("heading", { name: "Viewing Bus draft" })).toBeFocused();
  await ana.page.getByRole("button", { name: "All versions" }).click();
  await expect(sheet).toBeVisible();
  await ana.page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();
  await expect(ana.page.getByTestId("editor")).toBeVisible();
  await ana.context.close();
});
