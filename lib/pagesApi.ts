// The browser's client for nested pages (lib/contracts/pages.ts). Answers are parsed with the
// contract's schemas, so a server that drifts from it shows a plain error instead of a broken tree.
import type { z } from "zod";
import { ApiError, request } from "./api";
import { type CreateDocumentInput, ListedDocument } from "./contracts/documents";
import { BreadcrumbsResponse, type Breadcrumb, type MovePageInput, PageNode, type PageAccessInput, PageTreeResponse } from "./contracts/pages";

export type { Breadcrumb, PageNode };

const enc = encodeURIComponent;

/** A reply that does not match the contract is a server fault, said as one. */
function parsed<S extends z.ZodType>(schema: S) {
  return (payload: unknown): z.output<S> => {
    const result = schema.safeParse(payload);
    if (result.success) return result.data;
    throw new ApiError(500, "internal", "Tandem sent an answer this page does not understand. Reload the page and try again.");
  };
}

export const pagesApi = {
  tree: () =>
    request<unknown>("GET", "/api/pages/tree")
      .then(parsed(PageTreeResponse))
      .then((r) => r.pages),
  breadcrumbs: (id: string) =>
    request<unknown>("GET", `/api/documents/${enc(id)}/breadcrumbs`)
      .then(parsed(BreadcrumbsResponse))
      .then((r) => r.crumbs),
  /** A new page under `parentId` (last among its sub-pages), or at the top level with null. */
  create: (title: string, parentId: string | null) =>
    request<unknown>("POST", "/api/documents", { title, ...(parentId ? { parentId } : {}) } satisfies CreateDocumentInput).then(parsed(ListedDocument)),
  move: (id: string, input: MovePageInput) => request<unknown>("POST", `/api/documents/${enc(id)}/move`, input).then(parsed(PageNode)),
  setInheritAccess: (id: string, inheritAccess: boolean) =>
    request<unknown>("PATCH", `/api/documents/${enc(id)}/access`, { inheritAccess } satisfies PageAccessInput).then(parsed(PageNode)),
};
