// Documents and the live editor, for the realtime specs: create and share through the API, then read
// and write the editor the way a person does.
import { expect, type BrowserContext, type Page } from "@playwright/test";
import type { Account } from "./accounts";

export type Role = "editor" | "viewer";

/** Creates a document as the context's user and returns its id. */
export async function createDocument(context: BrowserContext, title: string): Promise<string> {
  const res = await context.request.post("/api/documents", { data: { title } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

export async function share(context: BrowserContext, documentId: string, member: Account, role: Role): Promise<void> {
  const res = await context.request.post(`/api/documents/${documentId}/members`, { data: { email: member.email, role } });
  expect(res.status(), await res.text()).toBeLessThan(300);
}

export const editor = (page: Page) => page.getByTestId("editor");
export const connectionState = (page: Page) => page.getByTestId("connection-state");

/** Opens the document and waits until its editor is live (synced over the WebSocket). */
export async function openDocument(page: Page, documentId: string): Promise<void> {
  await page.goto(`/documents/${documentId}`);
  await expect(editor(page)).toBeVisible({ timeout: 30_000 });
  await expect(connectionState(page)).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
}

/**
 * The document's text as a person reads it, one line per block, without other people's carets:
 * caret labels are ProseMirror widgets inside the text and would otherwise split words.
 */
export async function documentText(page: Page): Promise<string> {
  return editor(page).evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".ProseMirror-widget").forEach((w) => w.remove());
    return Array.from(copy.children, (block) => block.textContent ?? "").join("\n");
  });
}

/** Waits until the document's text (carets left out) contains every one of the given pieces. */
export async function expectTextContains(page: Page, ...pieces: string[]): Promise<void> {
  await expect
    .poll(
      async () => {
        const text = await documentText(page);
        return pieces.filter((p) => !text.includes(p));
      },
      { timeout: 30_000, message: `document text should contain ${JSON.stringify(pieces)}` },
    )
    .toEqual([]);
}

/** Puts the caret at the very end of the document, in a new paragraph, ready to type. */
export async function typeOnNewLine(page: Page, text: string): Promise<void> {
  await editor(page).click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type(text);
}

/** Another person's named caret, as drawn in this page's editor. */
export const caretOf = (page: Page, name: string) => editor(page).locator(".ProseMirror-widget").filter({ hasText: name });
