// The image node of the document schema: block images, scaled to the column, with alt text. Its src
// may only be an image this server stores (storedImageSrc): pasted HTML pointing anywhere else (a
// tracking pixel, a data: URL) is not parsed as an image, and a src that reached the Y.Doc some other
// way (a hostile client writes Yjs directly) is never rendered. Uploading is the editor's job
// (components/editor/imageUpload.ts); this file is the schema only, so the server can use it too.
import Image from "@tiptap/extension-image";
import { storedImageSrc } from "../contracts/images";

/** This page's origin in a browser (HTML copied from another Tandem tab has absolute URLs); none on the server. */
const pageOrigin = () => (typeof window === "undefined" ? undefined : window.location.origin);

export const DocumentImage = Image.extend({
  addAttributes() {
    return {
      src: {
        default: null,
        parseHTML: (element) => storedImageSrc(element.getAttribute("src"), pageOrigin()),
        renderHTML: (attributes) => {
          const src = storedImageSrc(attributes.src);
          return src ? { src } : {};
        },
      },
      alt: { default: null },
      title: { default: null },
    };
  },
  parseHTML() {
    // An <img> whose src is not ours is not an image of this document at all (its alt text is lost too).
    return [{ tag: "img[src]", getAttrs: (element) => (storedImageSrc(element.getAttribute("src"), pageOrigin()) ? null : false) }];
  },
}).configure({
  inline: false,
  allowBase64: false,
  HTMLAttributes: {
    // Scaled to the column, never wider; selected (click, or arrow onto it): an outline.
    class:
      "my-3 block h-auto max-w-full rounded [&.ProseMirror-selectednode]:outline-2 [&.ProseMirror-selectednode]:outline-offset-2 [&.ProseMirror-selectednode]:outline-indigo-500",
    loading: "lazy",
  },
});
