// A document as a Word file (.docx), written with the `docx` library from the editor's ProseMirror
// document: headings, paragraphs with bold/italic/underline/strike/code/links, bullet, numbered and
// task lists (nested), quotes, code blocks, dividers, tables and the document's own images (embedded
// when their format is one Word shows, else their alt text). Mentions are written as their text.
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from "docx";
import type { Mark, Node } from "@tiptap/pm/model";
import { imagePixelSize } from "./imageSize";
import { CODE_STYLE, QUOTE_STYLE, docxParagraphStyles } from "../../lib/exchange/docxStyles";

/** An image of this document by its src, or null when it is not one (or is gone). */
export type ImageLoader = (src: string) => Promise<{ bytes: Uint8Array; mime: string } | null>;

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];
/** Word's page is about 6.3 inches of text wide: a wider image is scaled down to it. */
const MAX_IMAGE_WIDTH_PX = 600;
const DOCX_IMAGE_TYPES: Record<string, "png" | "jpg" | "gif"> = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif" };

type Block = Paragraph | Table;
type ListContext = { kind: "bullet" | "number" | "task"; level: number; instance: number };

class DocxWriter {
  private numberedLists = 0;
  constructor(
    private readonly baseUrl: string,
    private readonly loadImage: ImageLoader,
  ) {}

  async blocks(parent: Node, list?: ListContext, quoted = false): Promise<Block[]> {
    const out: Block[] = [];
    for (const node of childrenOf(parent)) out.push(...(await this.block(node, list, quoted)));
    return out;
  }

  private async block(node: Node, list: ListContext | undefined, quoted: boolean): Promise<Block[]> {
    // Named styles, so Word shows them as quotes and code and an importer can tell (see docxStyles).
    const quote = quoted ? { style: QUOTE_STYLE } : {};
    switch (node.type.name) {
      case "paragraph":
        return [new Paragraph({ children: await this.inline(node), ...quote, ...this.listProps(list) })];
      case "heading":
        return [new Paragraph({ heading: HEADINGS[Math.min(6, Math.max(1, Number(node.attrs.level) || 1)) - 1], children: await this.inline(node), ...quote })];
      case "blockquote":
        return this.blocks(node, list, true);
      case "codeBlock":
        return node.textContent.split("\n").map(
          (line) =>
            new Paragraph({
              children: [new TextRun({ text: line })],
              style: CODE_STYLE,
            }),
        );
      case "horizontalRule":
        return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "A1A1AA", space: 1 } }, children: [] })];
      case "bulletList":
        return this.blocks(node, { kind: "bullet", level: list ? list.level + 1 : 0, instance: 0 }, quoted);
      case "orderedList":
        // Each numbered list counts from its own start (an instance of the numbering of its own).
        return this.blocks(node, { kind: "number", level: list ? list.level + 1 : 0, instance: ++this.numberedLists }, quoted);
      case "taskList":
        return this.blocks(node, { kind: "task", level: list ? list.level + 1 : 0, instance: 0 }, quoted);
      case "listItem":
      case "taskItem":
        return this.listItem(node, list, quoted);
      case "table":
        return [await this.table(node)];
      case "image":
        return [new Paragraph({ children: [await this.image(node)] })];
      default:
        // A block this writer does not know yet keeps its text.
        return node.isTextblock ? [new Paragraph({ children: await this.inline(node), ...quote })] : this.blocks(node, list, quoted);
    }
  }

  /** A list item's first paragraph carries the bullet (or box); what follows it is indented under it. */
  private async listItem(item: Node, list: ListContext | undefined, quoted: boolean): Promise<Block[]> {
    const out: Block[] = [];
    let first = true;
    for (const child of childrenOf(item)) {
      if (first && child.type.name === "paragraph") {
        const box = item.type.name === "taskItem" ? [new TextRun({ text: item.attrs.checked ? "☑ " : "☐ " })] : [];
        out.push(new Paragraph({ children: [...box, ...(await this.inline(child))], ...this.listProps(list) }));
      } else {
        out.push(...(await this.block(child, list, quoted)));
      }
      first = false;
    }
    return out;
  }

  private listProps(list: ListContext | undefined) {
    if (!list) return {};
    switch (list.kind) {
      case "bullet":
        return { numbering: { reference: "bullets", level: Math.min(list.level, 8) } };
      case "number":
        return { numbering: { reference: "numbers", level: Math.min(list.level, 8), instance: list.instance } };
      case "task":
        // A bulleted line starting with its box: Word has no task list; importers read the box back.
        return { numbering: { reference: "bullets", level: Math.min(list.level, 8) } };
    }
  }

  private async table(node: Node): Promise<Table> {
    const rows: TableRow[] = [];
    for (const row of childrenOf(node)) {
      const cells: TableCell[] = [];
      for (const cell of childrenOf(row)) {
        const children = await this.blocks(cell);
        cells.push(
          new TableCell({
            children: children.length > 0 ? children : [new Paragraph({ children: [] })],
            columnSpan: Number(cell.attrs.colspan) || 1,
            rowSpan: Number(cell.attrs.rowspan) || 1,
            ...(cell.type.name === "tableHeader" ? { shading: { type: ShadingType.CLEAR, fill: "F4F4F5", color: "auto" } } : {}),
          }),
        );
      }
      rows.push(new TableRow({ children: cells }));
    }
    return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
  }

  private async image(node: Node): Promise<ParagraphChild> {
    const alt = String(node.attrs.alt ?? "");
    const stored = node.attrs.src ? await this.loadImage(String(node.attrs.src)) : null;
    const type = stored ? DOCX_IMAGE_TYPES[stored.mime] : undefined;
    const size = stored && type ? imagePixelSize(stored.bytes) : null;
    if (!stored || !type || !size) return new TextRun({ text: alt ? `[Image: ${alt}]` : "[Image]", italics: true });
    const scale = Math.min(1, MAX_IMAGE_WIDTH_PX / size.width);
    return new ImageRun({
      type,
      data: stored.bytes,
      transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
      altText: { name: alt || "Image", description: alt, title: alt },
    });
  }

  private async inline(parent: Node): Promise<ParagraphChild[]> {
    const out: ParagraphChild[] = [];
    for (const node of childrenOf(parent)) {
      if (node.isText) out.push(this.text(node.text ?? "", node.marks));
      else if (node.type.name === "hardBreak") out.push(new TextRun({ break: 1 }));
      else if (node.type.name === "image") out.push(await this.image(node));
      else if (node.type.name === "mention") out.push(new TextRun({ text: `@${String(node.attrs.label ?? node.attrs.id ?? "")}` }));
      else if (node.type.name === "documentMention")
        out.push(this.link(String(node.attrs.label ?? "a document"), `${this.baseUrl}/documents/${String(node.attrs.id ?? "")}`, []));
      else if (node.textContent) out.push(new TextRun({ text: node.textContent }));
    }
    return out;
  }

  private text(text: string, marks: readonly Mark[]): ParagraphChild {
    const link = marks.find((m) => m.type.name === "link");
    if (link) return this.link(text, String(link.attrs.href ?? ""), marks);
    return new TextRun(runStyle(text, marks));
  }

  private link(text: string, href: string, marks: readonly Mark[]): ParagraphChild {
    // Only web and mail addresses become links in the file (the editor's own rule already holds them to that).
    if (!/^(https?:|mailto:)/i.test(href)) return new TextRun(runStyle(text, marks));
    return new ExternalHyperlink({ link: href, children: [new TextRun({ ...runStyle(text, marks), style: "Hyperlink" })] });
  }
}

function runStyle(text: string, marks: readonly Mark[]) {
  const has = (name: string) => marks.some((m) => m.type.name === name);
  return {
    text,
    bold: has("bold"),
    italics: has("italic"),
    strike: has("strike"),
    ...(has("underline") ? { underline: {} } : {}),
    ...(has("code") ? { font: "Courier New" } : {}),
    ...(has("highlight") ? { highlight: "yellow" as const } : {}),
  };
}

function childrenOf(node: Node): Node[] {
  const out: Node[] = [];
  node.forEach((child) => {
    out.push(child);
  });
  return out;
}

const bulletLevels = Array.from({ length: 9 }, (_, level) => ({
  level,
  format: LevelFormat.BULLET,
  text: ["•", "◦", "▪"][level % 3],
  alignment: AlignmentType.LEFT,
  style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
}));
const numberLevels = Array.from({ length: 9 }, (_, level) => ({
  level,
  format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level % 3],
  text: `%${level + 1}.`,
  alignment: AlignmentType.LEFT,
  style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
}));

/** The document as the bytes of a .docx file, titled `title`. */
export async function toDocx(content: Node, title: string, options: { baseUrl: string; loadImage: ImageLoader }): Promise<Uint8Array> {
  const writer = new DocxWriter(options.baseUrl, options.loadImage);
  const children = await writer.blocks(content);
  const doc = new Document({
    title,
    creator: "Tandem",
    styles: { paragraphStyles: docxParagraphStyles },
    numbering: {
      config: [
        { reference: "bullets", levels: bulletLevels },
        { reference: "numbers", levels: numberLevels },
      ],
    },
    sections: [{ children: children.length > 0 ? children : [new Paragraph({ children: [] })] }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
