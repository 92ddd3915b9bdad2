// Response shapes the nested-pages tests parse (the shared contracts, re-exported in one place).
export { PageNode } from "../../lib/contracts/pages";
export { TrashListResponse as TrashListShape } from "../../lib/contracts/trash";
