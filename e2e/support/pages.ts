// Nested pages for the specs: made and moved through the API, read back through the tree a person sees.
import { expect, type BrowserContext, type Locator, type Page } from "@playwright/test";

type TreePage = { id: string; title: string; parentId: string | null; position: number };

/** A page as the context's user, under `parentId` when given; returns its id. */
export async function createPage(context: BrowserContext, title: string, parentId?: string): Promise<string> {
  const res = await context.request.post("/api/documents", { data: parentId ? { title, parentId } : { title } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

export async function movePage(context: BrowserContext, id: string, parentId: string | null, beforeId?: string | null): Promise<void> {
  const res = await context.request.post(`/api/documents/${id}/move`, { data: beforeId === undefined ? { parentId } : { parentId, beforeId } });
  expect(res.status(), await res.text()).toBe(200);
}

/** The tree as the server has it for the context's user: parent of each page by title. */
export async function serverParents(context: BrowserContext): Promise<Record<string, string | null>> {
  const res = await context.request.get("/api/pages/tree");
  expect(res.status()).toBe(200);
  const { pages } = (await res.json()) as { pages: TreePage[] };
  const title = new Map(pages.map((p) => [p.id, p.title]));
  return Object.fromEntries(pages.map((p) => [p.title, p.parentId ? (title.get(p.parentId) ?? "(hidden)") : null]));
}

export const pageTree = (page: Page) => page.getByTestId("page-tree");
/** A page's row in the tree, by its exact title. */
export const treeItem = (page: Page, title: string) => pageTree(page).getByRole("treeitem", { name: title, exact: true });
/** The draggable row of a tree item (the item itself also holds its sub-pages). */
export const treeRow = (item: Locator) => item.locator(":scope > div").first();

/** Titles of the rows at one level, top to bottom (level 1: the top level). */
export async function titlesAtLevel(page: Page, level: number): Promise<string[]> {
  return pageTree(page)
    .locator(`[role="treeitem"][aria-level="${level}"]`)
    .evaluateAll((items) => items.map((i) => document.getElementById(i.getAttribute("aria-labelledby") ?? "")?.textContent ?? ""));
}
