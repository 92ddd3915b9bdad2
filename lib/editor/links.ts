// Links in the document: typed "[text](url)" becomes a link, a pasted URL over a selection links it,
// addresses typed or pasted become links as you go, and only web and mail links exist at all (the
// schema refuses any other href when parsing pasted HTML, and renders a stored one as href="").
import type { LinkOptions } from "@tiptap/extension-link";
import { isAllowedHref, normalizeLink } from "./linkRule";

export const linkOptions: Partial<LinkOptions> = {
  openOnClick: false, // the link bubble opens it; a click places the caret, as in any editor
  autolink: true,
  linkOnPaste: true,
  markdownLinks: true,
  defaultProtocol: "https",
  isAllowedUri: (url) => isAllowedHref(url),
  shouldAutoLink: (url) => normalizeLink(url) !== null,
};
