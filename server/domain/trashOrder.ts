// The order the trash lists its documents in: groups (a page and the sub-pages trashed with it in the
// same act) newest-deleted first, and inside a group the tree's order (a page, then its sub-pages in
// sibling order, depth first). Both databases sort ties differently, so the order is made here.
type Row = { id: string; parentId: string | null; position: number; createdAt: Date; deletedAt: Date | null };

const bySiblingOrder = (a: Row, b: Row) => a.position - b.position || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const deletedMs = (r: Row) => r.deletedAt?.getTime() ?? 0;

/** `rows` in the trash's order; a row is in its parent's group when both went in the same instant. */
export function inTrashOrder<T extends Row>(rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const inGroupOf = (r: T) => {
    const parent = r.parentId === null ? undefined : byId.get(r.parentId);
    return parent && deletedMs(parent) === deletedMs(r) ? parent : undefined;
  };
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const r of rows) {
    const parent = inGroupOf(r);
    if (parent) children.set(parent.id, [...(children.get(parent.id) ?? []), r]);
    else roots.push(r);
  }
  roots.sort((a, b) => deletedMs(b) - deletedMs(a) || bySiblingOrder(a, b));
  const out: T[] = [];
  const visit = (r: T) => {
    out.push(r);
    for (const c of (children.get(r.id) ?? []).sort(bySiblingOrder)) visit(c);
  };
  for (const r of roots) visit(r);
  return out;
}
