// Tables: Tiptap's table kit (table, row, header cell, cell). Tab and Shift+Tab move between cells
// (Tab in the last cell adds a row); the node view wraps each table in div.tableWrapper, which the
// editor styles scroll sideways on a narrow screen. No column resizing: it writes pixel widths that
// fit one person's screen and not another's.
import { TableKit } from "@tiptap/extension-table";

export const Tables = TableKit.configure({
  table: { resizable: false, cellMinWidth: 96, HTMLAttributes: { class: "tandem-table" } },
});
