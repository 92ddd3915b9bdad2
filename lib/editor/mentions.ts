// Mentions in the document text, as schema nodes (shared by the editor, the read-only viewer and the
// server): `@Ana Lopez` for a member, and a document's title linking to /documents/<id>. The "@"
// autocomplete that inserts them lives with the editor (components/editor/mentions/), since it needs a
// live session; here the nodes carry no suggestion plugin of their own.
import { mergeAttributes } from "@tiptap/core";
import Mention from "@tiptap/extension-mention";

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const label = (attrs: Record<string, unknown>) => (typeof attrs.label === "string" && attrs.label ? attrs.label : "");

export const MEMBER_MENTION_CLASS = "mention rounded bg-indigo-50 px-0.5 font-medium text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300";
export const DOCUMENT_MENTION_CLASS = "document-mention font-medium";

/** `@Name` for a document member: `id` is the account id, `label` the name when it was mentioned. */
export const MemberMention = Mention.extend({
  addProseMirrorPlugins: () => [],
}).configure({
  HTMLAttributes: { class: MEMBER_MENTION_CLASS },
  renderText: ({ node }) => `@${label(node.attrs) || "someone"}`,
  renderHTML: ({ options, node }) => ["span", options.HTMLAttributes, `@${label(node.attrs) || "someone"}`],
});

/** A link to another document, showing its title as it was when mentioned. A viewer without access gets the usual no-access page. */
export const DocumentMention = Mention.extend({
  name: "documentMention",
  addProseMirrorPlugins: () => [],
  parseHTML() {
    return [{ tag: 'a[data-type="documentMention"]', priority: 60 }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const id = typeof node.attrs.id === "string" && ID.test(node.attrs.id) ? node.attrs.id : null;
    const attrs = mergeAttributes({ "data-type": this.name, class: DOCUMENT_MENTION_CLASS }, HTMLAttributes);
    // Only an id of the app's own shape makes an address; anything else renders as plain text.
    if (id) attrs.href = `/documents/${encodeURIComponent(id)}`;
    return ["a", attrs, label(node.attrs) || "Untitled document"];
  },
  renderText: ({ node }) => label(node.attrs) || "Untitled document",
});
