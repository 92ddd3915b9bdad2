// The Word paragraph styles Tandem writes for what Word has no element for, shared by the export
// (server/exchange/docxSerializer.ts) and the browser's import (mammoth's style map): a file
// exported and imported again keeps its quotes and code blocks.
export const QUOTE_STYLE = "TandemQuote";
export const CODE_STYLE = "TandemCode";

/** For the `docx` library's Document({ styles: { paragraphStyles } }). */
export const docxParagraphStyles = [
  {
    id: QUOTE_STYLE,
    name: "Quote",
    basedOn: "Normal",
    run: { italics: true, color: "52525B" },
    paragraph: { indent: { left: 567 } },
  },
  {
    id: CODE_STYLE,
    name: "Code",
    basedOn: "Normal",
    run: { font: "Courier New", size: 20 },
    paragraph: { spacing: { after: 0 } },
  },
];

/** mammoth's style map: those styles (and Word's own "Quote") back to a quote and a code block. */
export const MAMMOTH_STYLE_MAP = ["p[style-name='Quote'] => blockquote > p:fresh", "p[style-name='Code'] => pre:separator('\\n')"];
