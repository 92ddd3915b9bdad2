// The foundation, end to end through the real pages and server: accounts, documents, sharing and
// roles, deletion, signing out.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";

const myDocuments = (page: Page) => page.getByTestId("my-documents");
const sharedWithMe = (page: Page) => page.getByTestId("shared-documents");
const rowFor = (list: Locator, title: string) => list.getByTestId("document-row").filter({ has: list.page().getByRole("link", { name: title, exact: true }) });

test("sign up, create, rename, share, change role, remove, delete, sign out", async ({ browser }) => {
  const ownerContext = await browser.newContext();
  const guestContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const guest = await guestContext.newPage();
  const ada = newAccount("Ada");
  const bea = newAccount("Bea");

  // The first account; an empty dashboard says so in words.
  await signUp(owner, ada);
  await expect(myDocuments(owner)).toContainText("You have no documents yet.");

  // Create: type a title and press Enter.
  await owner.getByTestId("new-document-title").fill("Launch plan");
  await owner.getByTestId("new-document-title").press("Enter");
  const created = rowFor(myDocuments(owner), "Launch plan");
  await expect(created).toBeVisible();
  await expect(created.getByTestId("role-badge")).toHaveText("Owner");
  await expect(owner.getByTestId("new-document-title")).toHaveValue("");

  // Rename in place; Enter saves.
  await created.getByRole("button", { name: /^Rename/ }).click();
  const titleInput = myDocuments(owner).getByLabel("Document title");
  await titleInput.fill("Launch plan v2");
  await titleInput.press("Enter");
  const renamed = rowFor(myDocuments(owner), "Launch plan v2");
  await expect(renamed).toBeVisible();
  await expect(rowFor(myDocuments(owner), "Launch plan")).toHaveCount(0);
  const documentId = await renamed.getAttribute("data-document-id");
  expect(documentId).toBeTruthy();

  // A second person, in their own browser context, has nothing shared yet.
  await signUp(guest, bea);
  await expect(sharedWithMe(guest)).toContainText("Nothing shared with you yet.");

  // The owner opens the document and shares it with Bea as an editor.
  await renamed.getByRole("link", { name: "Launch plan v2" }).click();
  await expect(owner).toHaveURL(new RegExp(`/documents/${documentId}$`));
  await expect(owner.getByTestId("document-title")).toHaveText("Launch plan v2");
  await expect(owner.getByTestId("editor")).toBeVisible();
  await owner.getByRole("button", { name: "Share" }).click();
  const share = owner.getByTestId("share-dialog");
  await expect(share).toBeVisible();
  await share.getByRole("textbox", { name: "Share with" }).fill(bea.email);
  await share.getByLabel("Role", { exact: true }).selectOption("editor");
  await share.getByRole("button", { name: "Add" }).click();
  const beaRow = share.getByTestId("member-row").filter({ hasText: bea.email });
  await expect(beaRow).toBeVisible();
  await expect(beaRow.getByLabel(`Role for ${bea.name}`)).toHaveValue("editor");

  // Bea sees it under "Shared with me" after a reload, as an editor.
  await guest.reload();
  const sharedRow = rowFor(sharedWithMe(guest), "Launch plan v2");
  await expect(sharedRow).toBeVisible();
  await expect(sharedRow.getByTestId("role-badge")).toHaveText("Editor");
  await expect(sharedRow).toContainText(`Owned by ${ada.name}`);
  await expect(sharedRow.getByRole("button", { name: /^Delete/ })).toHaveCount(0);

  // Viewer now: Bea can open it but not rename it.
  await beaRow.getByLabel(`Role for ${bea.name}`).selectOption("viewer");
  await expect(beaRow.getByLabel(`Role for ${bea.name}`)).toHaveValue("viewer");
  await guest.reload();
  await expect(rowFor(sharedWithMe(guest), "Launch plan v2").getByTestId("role-badge")).toHaveText("Viewer");
  await guest.goto(`/documents/${documentId}`);
  await expect(guest.getByTestId("document-title")).toHaveText("Launch plan v2");
  await expect(guest.getByTestId("role-badge")).toHaveText("Viewer");
  await expect(guest.getByRole("button", { name: "Rename document" })).toHaveCount(0);

  // Removed: the member disappears, and Bea can no longer see the document at all.
  await beaRow.getByRole("button", { name: `Remove ${bea.name}` }).click();
  await beaRow.getByRole("button", { name: `Yes, remove ${bea.name}` }).click(); // asked first
  await expect(beaRow).toHaveCount(0);
  await guest.reload();
  await expect(guest.getByTestId("document-not-found")).toContainText("This document doesn't exist or you don't have access");
  await guest.goto("/dashboard");
  await expect(sharedWithMe(guest)).toContainText("Nothing shared with you yet.");

  // Escape closes the share dialog.
  await owner.keyboard.press("Escape");
  await expect(share).toBeHidden();

  // Delete asks first: Cancel keeps the document, confirming deletes it.
  await owner.getByRole("link", { name: "All documents" }).click();
  await owner
    .getByTestId("document-row")
    .filter({ hasText: "Launch plan v2" })
    .getByRole("button", { name: /^Delete/ })
    .click();
  const confirm = owner.getByTestId("delete-document-dialog");
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText("Launch plan v2");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(rowFor(myDocuments(owner), "Launch plan v2")).toBeVisible();
  await rowFor(myDocuments(owner), "Launch plan v2")
    .getByRole("button", { name: /^Delete/ })
    .click();
  await confirm.getByRole("button", { name: "Delete document" }).click();
  await expect(confirm).toBeHidden();
  await expect(myDocuments(owner)).toContainText("You have no documents yet.");
  await owner.reload();
  await expect(myDocuments(owner)).toContainText("You have no documents yet.");

  // Signed out, the dashboard sends you to sign in (and back afterwards).
  await owner.getByRole("button", { name: "Sign out" }).click();
  await expect(owner.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  await owner.goto("/dashboard");
  await expect(owner).toHaveURL(/\/login\?next=%2Fdashboard$/);

  await ownerContext.close();
  await guestContext.close();
});
