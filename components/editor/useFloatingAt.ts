// Keeps a small floating panel (the link and table bubbles) next to a spot in the editor: Floating UI
// places it below (or above, when there is no room) and inside the screen, again after every editor
// transaction (our edits and others') and on resize. The panel is positioned against the nearest
// positioned ancestor (EditorBubbles' wrapper), so page scrolling moves it with the text.
import { useEffect, useRef } from "react";
import { computePosition, flip, offset, shift, type Placement } from "@floating-ui/dom";
import type { Editor } from "@tiptap/react";
import { clearOfChrome } from "./clearOfChrome";

export const floatingStartStyle = { position: "absolute", left: 0, top: 0, opacity: 0 } as const;

/** `reference` returns the rectangle to sit next to (viewport coordinates), or null to stay put. */
export function useFloatingAt<T extends HTMLElement>(editor: Editor, open: boolean, reference: () => DOMRect | null, placement: Placement = "bottom-start") {
  const ref = useRef<T>(null);
  const referenceRef = useRef(reference);
  referenceRef.current = reference;

  useEffect(() => {
    if (!open) return;
    let current = true;
    const update = () => {
      const panel = ref.current;
      const rect = referenceRef.current();
      if (!panel || !rect) return;
      void computePosition({ getBoundingClientRect: () => rect }, panel, {
        strategy: "absolute",
        placement,
        // Never over the sticky toolbar: it counts as the screen's top edge (clearOfChrome.ts).
        middleware: [offset(6), flip(() => ({ padding: clearOfChrome(editor.view.dom) })), shift(() => ({ padding: clearOfChrome(editor.view.dom) }))],
      }).then(({ x, y }) => {
        if (!current) return;
        // Opacity, not visibility, until placed: a hidden element could not take focus meanwhile.
        Object.assign(panel.style, { left: `${x}px`, top: `${y}px`, opacity: "1" });
      });
    };
    update();
    editor.on("transaction", update);
    window.addEventListener("resize", update);
    return () => {
      current = false;
      editor.off("transaction", update);
      window.removeEventListener("resize", update);
    };
  }, [editor, open, placement]);

  return ref;
}
