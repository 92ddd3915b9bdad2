// ProseMirror document → a standalone HTML file, without a DOM: each node and mark is written from its
// own `toDOM` spec (the same markup the editor renders, so tables, task lists and images come out as the
// editor has them), as text. Sanitized by construction: every text and attribute value is escaped, event
// handler and style attributes are dropped (but for a paragraph's or heading's `text-align`), and only http(s), mailto and relative addresses survive
// in href/src (data: images too), so no file we hand out runs script when opened.
import type { DOMOutputSpec, Mark, Node } from "@tiptap/pm/model";

const VOID_ELEMENTS = new Set(["br", "hr", "img", "input", "col", "wbr"]);
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "poster", "background"]);
const SAFE_TAG = /^[a-z][a-z0-9-]*$/;
const SAFE_ATTRIBUTE = /^[a-z][a-z0-9_:.-]*$/;
/** The one style the editor writes (lib/editor/formatting.ts); any other style is dropped. */
const SAFE_STYLE = /^text-align: (center|right|justify)$/;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/** True for addresses a saved file may link to; `javascript:` and friends are not. */
export function isSafeUrl(value: string, attribute: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers ignore control characters inside a scheme ("java\tscript:"), so they are removed before it is read
  const trimmed = value.trim().replace(/[\u0000-\u0020]/g, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined) return true; // relative
  if (scheme === "http" || scheme === "https" || scheme === "mailto") return true;
  return attribute === "src" && /^data:image\/(png|jpe?g|gif|webp);/i.test(trimmed);
}

function renderAttributes(attrs: Record<string, unknown>): string {
  let out = "";
  for (const [name, value] of Object.entries(attrs)) {
    const lower = name.toLowerCase();
    if (value === null || value === undefined || value === false) continue;
    if (lower === "style" && SAFE_STYLE.test(String(value))) {
      out += ` style="${escapeHtml(String(value))}"`;
      continue;
    }
    if (!SAFE_ATTRIBUTE.test(lower) || lower.startsWith("on") || lower === "style" || lower === "contenteditable") continue;
    const text = value === true ? "" : String(value);
    if (URL_ATTRIBUTES.has(lower) && !isSafeUrl(text, lower)) continue;
    out += value === true ? ` ${lower}` : ` ${lower}="${escapeHtml(text)}"`;
  }
  return out;
}

/** Writes a DOMOutputSpec (`["p", attrs?, 0]`), putting `hole()` where its 0 is. */
function renderSpec(spec: DOMOutputSpec, hole: () => string): string {
  if (typeof spec === "string") return escapeHtml(spec);
  if (!Array.isArray(spec)) return hole(); // a DOM node spec: never made on the server; keep the content
  const [rawTag, ...rest] = spec as readonly unknown[];
  const tag = String(rawTag).replace(/^.*\s/, "").toLowerCase(); // "ns tag" form: the tag
  let attrs: Record<string, unknown> = {};
  let children = rest;
  if (rest.length > 0 && rest[0] !== null && typeof rest[0] === "object" && !Array.isArray(rest[0])) {
    attrs = rest[0] as Record<string, unknown>;
    children = rest.slice(1);
  }
  const inner = children.map((child) => (child === 0 ? hole() : renderSpec(child as DOMOutputSpec, hole))).join("");
  if (!SAFE_TAG.test(tag) || tag === "script" || tag === "style" || tag === "iframe" || tag === "object" || tag === "embed") return inner;
  if (VOID_ELEMENTS.has(tag)) return `<${tag}${renderAttributes(attrs)}>`;
  return `<${tag}${renderAttributes(attrs)}>${inner}</${tag}>`;
}

function renderMarks(marks: readonly Mark[], inner: string): string {
  let out = inner;
  for (let i = marks.length - 1; i >= 0; i--) {
    const toDOM = marks[i].type.spec.toDOM;
    if (toDOM) {
      const html = out;
      out = renderSpec(toDOM(marks[i], true), () => html);
    }
  }
  return out;
}

export function nodeToHtml(node: Node): string {
  if (node.isText) return renderMarks(node.marks, escapeHtml(node.text ?? ""));
  const content = () => {
    let out = "";
    node.forEach((child) => {
      out += nodeToHtml(child);
    });
    return out;
  };
  const toDOM = node.type.spec.toDOM;
  const html = toDOM ? renderSpec(toDOM(node), content) : content();
  return node.isInline ? renderMarks(node.marks, html) : html;
}

const STYLE = `body{font:16px/1.6 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;max-width:46rem;margin:2rem auto;padding:0 1rem}
h1,h2,h3{line-height:1.25}pre{background:#f6f8fa;padding:.75rem 1rem;border-radius:6px;overflow:auto}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em}:not(pre)>code{background:#f6f8fa;padding:.1em .3em;border-radius:4px}
blockquote{margin:0;padding-left:1rem;border-left:4px solid #d0d7de;color:#59636e}table{border-collapse:collapse}
th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}img{max-width:100%}
ul[data-type=taskList]{list-style:none;padding-left:.5rem}ul[data-type=taskList] li{display:flex;gap:.5rem}ul[data-type=taskList] li>label{flex:none}
ul[data-type=taskList] li>div>p{margin:0}a{color:#0969da}hr{border:0;border-top:1px solid #d0d7de;margin:1.5rem 0}
mark{background:#fef08a;color:inherit;border-radius:2px}mark[data-color=green]{background:#bbf7d0}mark[data-color=blue]{background:#bfdbfe}mark[data-color=pink]{background:#fbcfe8}`;

/** A whole .html file: the document under its title, with a little inline CSS and nothing else. */
export function toHtmlFile(doc: Node, title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<article>
${nodeToHtml(doc)}
</article>
</body>
</html>
`;
}
