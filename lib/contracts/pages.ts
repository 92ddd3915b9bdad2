// HTTP contract of nested pages: a document can hold sub-pages (Document.parentId), ordered among its
// siblings by `position`. Sharing a page shares its sub-pages unless a sub-page stops inheriting
// (`inheritAccess: false`); the server resolves the inherited role for every channel.
//  - GET  /api/pages/tree              → PageTreeResponse: every live page the caller can open. A page whose
//                                         parent the caller cannot open is listed as a root (parentId null, parentHidden true).
//  - GET  /api/documents/:id/breadcrumbs → BreadcrumbsResponse: the ancestors the caller can open, root first,
//                                         ending with the page's parent (a hidden ancestor cuts the trail).
//  - POST /api/documents {title, parentId} creates a sub-page (editor on the parent; appended last).
//  - POST /api/documents/:id/move      MovePageBody → 200 PageNode. Owner of the page (or of an ancestor it
//                                         inherits from) and editor on the new parent; a move under itself or a
//                                         descendant is refused (409). `beforeId`: the sibling it goes in front
//                                         of; null or absent: last. With `parentId: null` the place is in the
//                                         caller's own top level (any page listed there, 409 otherwise); a page
//                                         already at the caller's top level is only reordered, for the caller
//                                         alone, and any member may do that.
// Order: sub-pages share one order (their parent's); each account keeps its own order of its top level
// (the pages listed with parentId null), and a page new to an account comes last in it.
//  - PATCH /api/documents/:id/access   PageAccessBody → 200 PageNode (owner only).
// Live: every account whose view of the tree changed gets the socket.io event "pages:changed" and refetches.
import { z } from "zod";
import { Role } from "./documents";
import { DocumentId } from "./ids";

export const PageNode = z.strictObject({
  id: DocumentId,
  title: z.string(),
  parentId: DocumentId.nullable(),
  /** Order among siblings: the shared one under a parent; at the top level (parentId null), the caller's own. */
  position: z.number(),
  role: Role,
  inheritAccess: z.boolean(),
  /** True when the page has a parent the caller cannot open (it is listed as a root for them). */
  parentHidden: z.boolean(),
});
export const PageTreeResponse = z.strictObject({ pages: z.array(PageNode) });

export const Breadcrumb = z.strictObject({ id: DocumentId, title: z.string() });
export const BreadcrumbsResponse = z.strictObject({ crumbs: z.array(Breadcrumb) });

export const MovePageBody = z.strictObject({
  parentId: DocumentId.nullable(),
  beforeId: DocumentId.nullable().optional(),
});
export const PageAccessBody = z.strictObject({ inheritAccess: z.boolean() });

export type PageNode = z.infer<typeof PageNode>;
export type PageTreeResponse = z.infer<typeof PageTreeResponse>;
export type Breadcrumb = z.infer<typeof Breadcrumb>;
export type BreadcrumbsResponse = z.infer<typeof BreadcrumbsResponse>;
export type MovePageInput = z.input<typeof MovePageBody>;
export type PageAccessInput = z.input<typeof PageAccessBody>;
