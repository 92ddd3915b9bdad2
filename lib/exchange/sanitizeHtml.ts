// Cleans a parsed HTML file in place before the editor's parse rules read it, with the standard DOM
// API only, so the same code runs on a browser's DOM and on the server's (linkedom): no script or
// embedded content, no event handlers or inline styles, no link or image to a script-running scheme.
// The schema then keeps only what the editor knows; this is the layer before it.
const FORBIDDEN_TAGS = new Set([
  "script",
  "style",
  "iframe",
  "frame",
  "object",
  "embed",
  "form",
  "button",
  "textarea",
  "select",
  "template",
  "svg",
  "math",
  "noscript",
]);
const URL_ATTRIBUTES = ["href", "src", "xlink:href", "action", "formaction"];
const SAFE_URL = /^(?:https?:|mailto:|tel:|#|\/(?!\/)|\.{0,2}\/|[^:/?#]*(?:[/?#]|$))/i;

/** A URL as a browser reads its scheme: spaces and control characters inside "java\tscript:" do not count. */
const withoutSpaces = (value: string) =>
  Array.from(value)
    .filter((c) => c.charCodeAt(0) > 32)
    .join("");

export function sanitizeHtmlDocument(root: Element): void {
  // Walk with an explicit stack (a hostile file may nest deeply) and collect before removing.
  const doomed: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const el = stack.pop() as Element;
    if (FORBIDDEN_TAGS.has(el.tagName.toLowerCase())) {
      doomed.push(el);
      continue;
    }
    for (const name of Array.from(el.attributes, (a) => a.name)) {
      const lower = name.toLowerCase();
      if (lower.startsWith("on") || lower === "style" || lower === "srcset") el.removeAttribute(name);
      else if (URL_ATTRIBUTES.includes(lower) && !SAFE_URL.test(withoutSpaces(el.getAttribute(name) ?? ""))) el.removeAttribute(name);
    }
    for (const child of Array.from(el.children)) stack.push(child);
  }
  for (const el of doomed) el.remove();
}
