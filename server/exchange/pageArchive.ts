// A page with its sub-pages as one archive (GET /api/documents/:id/export-pages): the page as
// "<Title>.md", each sub-page the caller can open in its parent's folder ("<Title>/<Sub>.md", then
// "<Title>/<Sub>/<Below>.md"), names unique within each folder. A sub-page under one the caller cannot
// open goes in the folder of its nearest visible ancestor. Sent as a zip (archiveWriter.ts).
import type { AuthUser } from "../auth/auth";
import type { Services } from "../services";
import type { ListedDocument } from "../../lib/contracts/documents";
import { descendantIds } from "../domain/pageTree";
import { UniqueNames } from "./fileNames";

export type PageArchive = { documents: ListedDocument[]; fileOf: (doc: ListedDocument) => string; rootTitle: string };

export async function pageArchive(services: Services, user: AuthUser, pageId: string): Promise<PageArchive> {
  const root = await services.documents.get(user, pageId); // 404 unless the caller may open it
  const below = await descendantIds(services.db, pageId, { deletedAt: null });
  const visible = new Map((await services.documents.list(user)).map((d) => [d.id, d]));
  const rows = await services.db.document.findMany({ where: { id: { in: below } }, select: { id: true, parentId: true } });
  const parentOf = new Map(rows.map((r) => [r.id, r.parentId]));
  // Nearest first (descendantIds goes level by level), so every parent's folder exists before its children.
  const folderOf = new Map<string, string>();
  const namesIn = new Map<string, UniqueNames>();
  const files = new Map<string, string>();
  const place = (id: string, title: string, folder: string) => {
    let names = namesIn.get(folder);
    if (!names) namesIn.set(folder, (names = new UniqueNames()));
    const file = names.claim(title, "md");
    files.set(id, folder + file);
    folderOf.set(id, `${folder}${file.slice(0, -".md".length)}/`);
  };
  namesIn.set("", new UniqueNames());
  namesIn.get("")?.claim("documents", "json"); // the index's own name is taken
  place(root.id, root.title, "");
  const documents: ListedDocument[] = [root];
  for (const id of below) {
    const doc = visible.get(id);
    if (!doc) continue;
    let ancestor = parentOf.get(id) ?? null;
    while (ancestor !== null && !folderOf.has(ancestor)) ancestor = parentOf.get(ancestor) ?? null;
    place(id, doc.title, folderOf.get(ancestor ?? root.id) ?? "");
    documents.push(doc);
  }
  return { documents, rootTitle: root.title, fileOf: (doc) => files.get(doc.id) ?? `${doc.id}.md` };
}
