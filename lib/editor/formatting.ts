// Highlight and text alignment, as Google Docs has them (Ctrl/Cmd+Shift+H; Ctrl/Cmd+Shift+L, E, R, J).
// Both store nothing for the default: a left-aligned paragraph has no textAlign attribute in the Yjs
// XML (y-tiptap leaves null attributes out) and none in the JSON the server hands out
// (`withoutDefaultFormatting`), so documents written before this feature read exactly as they did.
// Highlight colours are names ("yellow"), never CSS values: the editor's stylesheet and the HTML
// export each paint them (readable in dark mode too), and a colour from a peer cannot carry CSS.
import Highlight from "@tiptap/extension-highlight";
import TextAlign from "@tiptap/extension-text-align";

export const HIGHLIGHT_COLORS = ["yellow", "green", "blue", "pink"] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];
export const ALIGNMENTS = ["left", "center", "right", "justify"] as const;
export type Alignment = (typeof ALIGNMENTS)[number];

const isColor = (value: unknown): value is HighlightColor => HIGHLIGHT_COLORS.includes(value as HighlightColor);

/** A colour name from stored or pasted content; anything else is the default (yellow). */
export const highlightColor = (value: unknown): HighlightColor => (isColor(value) ? value : "yellow");

export const DocumentHighlight = Highlight.extend({
  addAttributes() {
    return {
      color: {
        default: null,
        parseHTML: (element) => {
          const color = element.getAttribute("data-color");
          return isColor(color) && color !== "yellow" ? color : null;
        },
        renderHTML: (attributes) => ({ "data-color": highlightColor(attributes.color) }),
      },
    };
  },
}).configure({ multicolor: true });

export const DocumentTextAlign = TextAlign.extend({
  addGlobalAttributes() {
    return [
      {
        types: this.options.types,
        attributes: {
          textAlign: {
            default: null,
            // Left is the default: pasted "text-align: left" stores nothing.
            parseHTML: (element) => {
              const value = element.style.textAlign;
              return value !== "left" && ALIGNMENTS.includes(value as Alignment) ? value : null;
            },
            renderHTML: (attributes) =>
              attributes.textAlign && attributes.textAlign !== "left" && ALIGNMENTS.includes(attributes.textAlign)
                ? { style: `text-align: ${attributes.textAlign}` }
                : {},
          },
        },
      },
    ];
  },
  addKeyboardShortcuts() {
    return {
      "Mod-Shift-l": () => this.editor.commands.unsetTextAlign(),
      "Mod-Shift-e": () => this.editor.commands.setTextAlign("center"),
      "Mod-Shift-r": () => this.editor.commands.setTextAlign("right"),
      "Mod-Shift-j": () => this.editor.commands.setTextAlign("justify"),
    };
  },
}).configure({ types: ["heading", "paragraph"], defaultAlignment: null });

type JsonNode = { type?: string; attrs?: Record<string, unknown>; content?: JsonNode[]; marks?: JsonNode[]; [key: string]: unknown };

/**
 * ProseMirror JSON without the attributes these extensions add when they hold their default (a
 * null textAlign, a null highlight colour), and without an `attrs` left empty by that: the shape
 * every reader of the history API knew before alignment existed. Lossless: reading the JSON back
 * fills the same defaults in.
 */
export function withoutDefaultFormatting<T>(json: T): T {
  const walk = (node: JsonNode): JsonNode => {
    const out: JsonNode = { ...node };
    if (out.attrs) {
      const attrs = { ...out.attrs };
      if ("textAlign" in attrs && (attrs.textAlign === null || attrs.textAlign === "left")) delete attrs.textAlign;
      if (out.type === "highlight" && attrs.color === null) delete attrs.color;
      if (Object.keys(attrs).length === 0) delete out.attrs;
      else out.attrs = attrs;
    }
    if (Array.isArray(out.content)) out.content = out.content.map(walk);
    if (Array.isArray(out.marks)) out.marks = out.marks.map(walk);
    return out;
  };
  return walk(json as JsonNode) as T;
}
