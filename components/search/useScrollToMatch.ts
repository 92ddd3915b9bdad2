// Opening a search result lands on the match: the document page is opened with ?q=, and once the
// editor's content has arrived (it syncs after the page loads, which is why the browser's own text
// fragments, #:~:text=, cannot be used) the first matching word is selected and scrolled to the middle
// of the screen. The words match by the same rule as on the server (lib/search/highlight.ts).
"use client";
import { useEffect } from "react";
import type { Editor } from "@tiptap/react";
import { highlightRanges, queryTerms } from "@/lib/search/highlight";

/** How long to wait for the content to arrive before giving up. */
const WAIT_MS = 15_000;

type ProseMirrorNode = Editor["state"]["doc"];

export function firstMatch(doc: ProseMirrorNode, terms: readonly string[]): { from: number; to: number } | null {
  let found: { from: number; to: number } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (!node.isText || !node.text) return true;
    const range = highlightRanges(node.text, terms, 1)[0];
    if (range) found = { from: pos + range.start, to: pos + range.end };
    return false;
  });
  return found;
}

function reveal(editor: Editor, match: { from: number; to: number }): void {
  const view = editor.view;
  const start = view.domAtPos(match.from);
  const end = view.domAtPos(match.to);
  const range = document.createRange();
  range.setStart(start.node, start.offset);
  range.setEnd(end.node, end.offset);
  if (editor.isEditable) editor.chain().focus(undefined, { scrollIntoView: false }).setTextSelection(match).run();
  else {
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
  }
  const element = range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement;
  element?.scrollIntoView({ block: "center" });
}

export function useScrollToMatch(editor: Editor | null): void {
  useEffect(() => {
    if (!editor) return;
    const terms = queryTerms(new URLSearchParams(window.location.search).get("q") ?? "");
    if (terms.length === 0) return;
    let done = false;
    const attempt = () => {
      if (done || editor.isDestroyed) return;
      const match = firstMatch(editor.state.doc, terms);
      if (!match) return;
      done = true;
      reveal(editor, match);
    };
    const onTransaction = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (transaction.docChanged) attempt();
    };
    attempt();
    editor.on("transaction", onTransaction);
    const giveUp = setTimeout(() => (done = true), WAIT_MS);
    return () => {
      editor.off("transaction", onTransaction);
      clearTimeout(giveUp);
    };
  }, [editor]);
}
