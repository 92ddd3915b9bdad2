// Tables in the editable area (Tailwind arbitrary variants, as editorStyles.ts): ruled cells, a shaded
// header row, the selected cells tinted, light and dark; the wrapper scrolls sideways on a phone
// instead of squeezing the columns.
export const tableContentClass = [
  "[&_.tableWrapper]:my-4 [&_.tableWrapper]:max-w-full [&_.tableWrapper]:overflow-x-auto",
  "[&_table]:w-full [&_table]:border-collapse [&_table]:table-fixed [&_table]:text-sm",
  "[&_td]:border [&_th]:border [&_td]:border-zinc-300 [&_th]:border-zinc-300 dark:[&_td]:border-zinc-700 dark:[&_th]:border-zinc-700",
  "[&_td]:px-2 [&_td]:py-1.5 [&_th]:px-2 [&_th]:py-1.5 [&_td]:align-top [&_th]:align-top [&_th]:text-left",
  "[&_th]:bg-zinc-100 [&_th]:font-semibold dark:[&_th]:bg-zinc-800",
  "[&_td>p]:my-0 [&_th>p]:my-0 [&_td]:relative [&_th]:relative",
  "[&_.selectedCell]:bg-indigo-50 dark:[&_.selectedCell]:bg-indigo-950/60",
].join(" ");
