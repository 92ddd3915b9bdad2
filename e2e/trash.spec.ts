// The trash round trip in the browser: the owner deletes from the document page and is offered an
// Undo; a member opening the link is told it is in the trash and who can restore it; the owner
// restores it from the Trash page (days left shown) and the member has it back, text included;
// "Delete forever" asks first and removes it. Screenshots of the Trash page (desktop and phone), the
// Undo toast and both views of a trashed link under test-results/screens/.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { newAccount, signInViaApi } from "./support/accounts";
import { createDocument, expectTextContains, openDocument, share, typeOnNewLine } from "./support/documents";

test.describe.configure({ timeout: 180_000 });

const screens = (name: string) => path.join(test.info().project.outputDir, "screens", `trash-${name}.png`);

test("delete to the trash, undo, delete again, a member is told who can restore, restore, delete forever", async ({ browser }) => {
  const ana = newAccount("Ana");
  const bo = newAccount("Bo");
  const anaContext = await browser.newContext();
  const boContext = await browser.newContext();
  await signInViaApi(anaContext, ana);
  await signInViaApi(boContext, bo);
  const documentId = await createDocument(anaContext, "Quarterly letter");
  await share(anaContext, documentId, bo, "editor");
  await createDocument(anaContext, "Old draft");

  const page = await anaContext.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await openDocument(page, documentId);
  await typeOnNewLine(page, "Dear shareholders, it was a good quarter.");
  await expectTextContains(page, "good quarter");

  // Delete from the document page: asked first, then the dashboard says it went to the trash, with Undo.
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm).toContainText("stays in your Trash for 30 days");
  await confirm.getByRole("button", { name: "Move to trash" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const toast = page.getByTestId("trash-toast");
  await expect(toast).toContainText("Moved “Quarterly letter” to the trash");
  await expect(page.getByTestId("my-documents")).not.toContainText("Quarterly letter");
  await page.screenshot({ path: screens("undo-toast") });
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(toast).toBeHidden();
  await expect(page.getByTestId("my-documents")).toContainText("Quarterly letter");

  // Deleted again from the dashboard's list this time.
  await page
    .getByTestId("document-row")
    .filter({ hasText: "Quarterly letter" })
    .getByRole("button", { name: /^Delete/ })
    .click();
  const dialog = page.getByTestId("delete-document-dialog");
  await expect(dialog).toContainText("where you can restore it");
  await dialog.getByRole("button", { name: "Delete document" }).click();
  await expect(page.getByTestId("trash-toast")).toContainText("Quarterly letter");
  await page.getByTestId("trash-toast").getByRole("button", { name: "Dismiss" }).click();

  // Bo opens the link: in the trash, and only Ana can restore it. His dashboard does not list it.
  const boPage = await boContext.newPage();
  await boPage.goto(`/documents/${documentId}`);
  const notice = boPage.getByTestId("document-in-trash");
  await expect(notice).toContainText("This document is in the trash");
  await expect(notice).toContainText("Only its owner, Ana, can restore it.");
  await expect(notice.getByRole("button", { name: "Restore" })).toHaveCount(0);
  await boPage.screenshot({ path: screens("member-link") });
  await boPage.goto("/dashboard");
  await expect(boPage.getByTestId("shared-documents")).toContainText("Nothing shared with you yet.");

  // Ana's Trash page, from the dashboard: days left, Restore, Delete forever.
  await page.getByTestId("trash-link").click();
  await expect(page).toHaveURL(/\/trash$/);
  await expect(page.getByRole("heading", { name: "Trash" })).toBeVisible();
  const rows = page.getByTestId("trash-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Quarterly letter");
  await expect(rows.first().getByTestId("days-left")).toHaveText("30 days left");
  await page.screenshot({ path: screens("desktop"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screens("phone"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Bo's dashboard gets it back live when Ana restores; its text came back with it.
  await expect(boPage.getByTestId("shared-documents")).toContainText("Nothing shared with you yet.");
  await rows.first().getByRole("button", { name: "Restore" }).click();
  await expect(page.getByText("Restored “Quarterly letter”.")).toBeVisible();
  await expect(rows).toHaveCount(0);
  await expect(page.getByText("The trash is empty.")).toBeVisible();
  await expect(boPage.getByTestId("shared-documents")).toContainText("Quarterly letter");
  await openDocument(boPage, documentId);
  await expectTextContains(boPage, "Dear shareholders, it was a good quarter.");

  // The owner restores from the link too; then "Delete forever" asks and removes it for good.
  const oldDraft = await page.evaluate(async () => {
    const list = (await (await fetch("/api/documents")).json()) as { documents: Array<{ id: string; title: string }> };
    const id = list.documents.find((d) => d.title === "Old draft")!.id;
    await fetch(`/api/documents/${id}`, { method: "DELETE" });
    return id;
  });
  await page.goto(`/documents/${oldDraft}`);
  const own = page.getByTestId("document-in-trash");
  await expect(own).toContainText("You can restore it");
  await page.screenshot({ path: screens("owner-link") });
  await own.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByTestId("editor")).toBeVisible();
  await page.evaluate((id) => fetch(`/api/documents/${id}`, { method: "DELETE" }), oldDraft);
  await page.goto("/trash");
  await page.getByTestId("trash-row").filter({ hasText: "Old draft" }).getByRole("button", { name: "Delete forever" }).click();
  const sure = page.getByRole("dialog");
  await expect(sure).toContainText("This cannot be undone.");
  await sure.getByRole("button", { name: "Delete forever" }).click();
  await expect(page.getByText("The trash is empty.")).toBeVisible();
  await page.goto(`/documents/${oldDraft}`);
  await expect(page.getByTestId("document-not-found")).toBeVisible();

  await anaContext.close();
  await boContext.close();
});
