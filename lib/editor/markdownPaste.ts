// Paste: plain text written in Markdown (and nothing richer on the clipboard) is converted to HTML,
// sanitized, and handed to ProseMirror's own paste path, so it lands exactly as pasted HTML would
// (tables, links, the Link paste rules). HTML flavours are left to ProseMirror, which keeps tables as
// tables now that the schema has them. Clipboards carrying files are left to the image paste plugin.
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { looksLikeMarkdown } from "./markdownDetect";

/** The Markdown to paste, or null when this clipboard is someone else's to handle. */
export function pastedMarkdown(view: EditorView, data: DataTransfer | null): string | null {
  if (!data || data.files.length > 0 || data.types.includes("text/html")) return null;
  if (view.state.selection.$from.parent.type.spec.code) return null; // inside a code block: verbatim
  const text = data.getData("text/plain");
  return looksLikeMarkdown(text) ? text : null;
}

/** The converter (marked and DOMPurify), fetched on the first Markdown paste and kept. */
let converter: Promise<typeof import("./markdownPasteHtml")> | null = null;
const loadConverter = () => {
  converter ??= import("./markdownPasteHtml").catch((error) => {
    converter = null; // a failed chunk load may succeed next time
    throw error;
  });
  return converter;
};

export const MarkdownPaste = Extension.create({
  name: "markdownPaste",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("markdownPaste"),
        props: {
          handlePaste(view, event) {
            const markdown = pastedMarkdown(view, event.clipboardData);
            if (markdown === null) return false;
            // Ours from here: the converter loads (once), then pasteHTML runs every paste hook again
            // with a clipboard-less event, which this one lets through. If it cannot load, the text
            // is pasted as it was written.
            void loadConverter().then(
              ({ markdownPasteHtml }) => !view.isDestroyed && view.pasteHTML(markdownPasteHtml(markdown)),
              () => !view.isDestroyed && view.pasteText(markdown),
            );
            return true;
          },
        },
      }),
    ];
  },
});
