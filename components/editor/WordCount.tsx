// Words and characters of the document in the editor's status row, and of the selection when there is
// one ("12 of 340 words"). Counted at most every 300 ms after a change, never on each keystroke.
"use client";
import type { Editor } from "@tiptap/react";
import { useEffect, useState } from "react";
import { countText, plural, type TextCount } from "@/lib/editor/wordCount";

const THROTTLE_MS = 300;

type Counts = { doc: TextCount; selection: TextCount | null };

function measure(editor: Editor): Counts {
  const { doc, selection } = editor.state;
  // Blocks are separated by a line break, leaf nodes (images, dividers) by a space: never glued words.
  const doc_ = countText(doc.textBetween(0, doc.content.size, "\n", " "));
  const selected = selection.empty ? null : countText(doc.textBetween(selection.from, selection.to, "\n", " "));
  return { doc: doc_, selection: selected && selected.characters > 0 ? selected : null };
}

export function WordCount({ editor }: { editor: Editor }) {
  const [counts, setCounts] = useState<Counts>(() => measure(editor));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      timer ??= setTimeout(() => {
        timer = null;
        if (!editor.isDestroyed) setCounts(measure(editor));
      }, THROTTLE_MS);
    };
    editor.on("update", schedule);
    editor.on("selectionUpdate", schedule);
    return () => {
      editor.off("update", schedule);
      editor.off("selectionUpdate", schedule);
      if (timer) clearTimeout(timer);
    };
  }, [editor]);

  const { doc, selection } = counts;
  const words = selection ? `${selection.words.toLocaleString()} of ${plural(doc.words, "word", "words")}` : plural(doc.words, "word", "words");
  const characters = selection
    ? `${selection.characters.toLocaleString()} of ${plural(doc.characters, "character", "characters")}`
    : plural(doc.characters, "character", "characters");
  return (
    <span data-testid="word-count" className="text-xs whitespace-nowrap text-zinc-500 tabular-nums dark:text-zinc-400">
      <span data-testid="word-count-words">{words}</span>
      {/* Characters only where there is room: a phone's status row keeps the connection state readable. */}
      <span className="hidden sm:inline">
        {" · "}
        <span data-testid="word-count-characters">{characters}</span>
      </span>
    </span>
  );
}
