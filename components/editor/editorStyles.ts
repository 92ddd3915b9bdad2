// Typography for the editable area, as Tailwind arbitrary variants (no typography plugin needed).
import { tableContentClass } from "./tableStyles";

export const editorContentClass = [
  "min-h-[50vh] px-4 py-3 text-zinc-900 focus:outline-none dark:text-zinc-100",
  "[&_p]:my-2 [&_h1]:mt-6 [&_h1]:mb-2 [&_h1]:text-3xl [&_h1]:font-bold",
  "[&_h2]:mt-5 [&_h2]:mb-2 [&_h2]:text-2xl [&_h2]:font-semibold [&_h3]:mt-4 [&_h3]:mb-1 [&_h3]:text-xl [&_h3]:font-semibold",
  "[&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-6",
  // Task items by structure: Tiptap 3's node view renders <li data-checked> with no data-type.
  "[&_ul[data-type=taskList]]:list-none [&_ul[data-type=taskList]]:pl-1",
  "[&_ul[data-type=taskList]>li]:my-1 [&_ul[data-type=taskList]>li]:flex [&_ul[data-type=taskList]>li]:items-start [&_ul[data-type=taskList]>li]:gap-2",
  "[&_ul[data-type=taskList]>li>label]:flex [&_ul[data-type=taskList]>li>label]:h-7 [&_ul[data-type=taskList]>li>label]:shrink-0 [&_ul[data-type=taskList]>li>label]:items-center",
  "[&_ul[data-type=taskList]>li>div]:min-w-0 [&_ul[data-type=taskList]>li>div]:flex-1 [&_ul[data-type=taskList]>li>div>p]:my-0 [&_ul[data-type=taskList]>li>div>p]:leading-7",
  "[&_ul[data-type=taskList]_input:disabled]:cursor-not-allowed",
  "[&_li[data-checked=true]>div]:text-zinc-500 [&_li[data-checked=true]>div]:line-through",
  "[&_blockquote]:my-3 [&_blockquote]:border-l-4 [&_blockquote]:border-zinc-300 [&_blockquote]:pl-4 [&_blockquote]:italic",
  "dark:[&_blockquote]:border-zinc-600",
  "[&_pre]:my-3 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-zinc-100 [&_pre]:p-3 [&_pre]:font-mono [&_pre]:text-sm",
  "dark:[&_pre]:bg-zinc-800 [&_code]:font-mono [&_:not(pre)>code]:rounded [&_:not(pre)>code]:bg-zinc-100",
  "[&_:not(pre)>code]:px-1 dark:[&_:not(pre)>code]:bg-zinc-800",
  "[&_a]:text-indigo-600 [&_a]:underline dark:[&_a]:text-indigo-400 [&_hr]:my-4 [&_hr]:border-zinc-300",
  "[&_p.is-editor-empty:first-child]:before:pointer-events-none [&_p.is-editor-empty:first-child]:before:float-left",
  "[&_p.is-editor-empty:first-child]:before:h-0 [&_p.is-editor-empty:first-child]:before:text-zinc-400",
  "[&_p.is-editor-empty:first-child]:before:content-[attr(data-placeholder)]",
  // Highlights by colour name (lib/editor/formatting.ts): light tints, and deep ones in dark mode, so
  // the text keeps its own colour and contrast in both.
  "[&_mark]:rounded-sm [&_mark]:px-px [&_mark]:text-inherit",
  "[&_mark[data-color=yellow]]:bg-yellow-200 [&_mark[data-color=green]]:bg-green-200 [&_mark[data-color=blue]]:bg-sky-200 [&_mark[data-color=pink]]:bg-pink-200",
  "dark:[&_mark[data-color=yellow]]:bg-yellow-800/80 dark:[&_mark[data-color=green]]:bg-green-800/80",
  "dark:[&_mark[data-color=blue]]:bg-sky-800/80 dark:[&_mark[data-color=pink]]:bg-pink-800/80",
  "dark:[&_hr]:border-zinc-700",
  tableContentClass,
].join(" ");
