// Text with the server's highlight ranges marked. The ranges index into the plain string; every part
// is rendered as text by React, so nothing a document says can become markup.
import type { HighlightRange } from "@/lib/contracts/search";

export function Highlighted({ text, ranges }: { text: string; ranges: readonly HighlightRange[] }) {
  // `start` (the part's offset in `text`) is unique, so it keys the part.
  const parts: Array<{ start: number; text: string; marked: boolean }> = [];
  let at = 0;
  for (const { start, end } of [...ranges].sort((a, b) => a.start - b.start)) {
    if (start < at || end > text.length || end <= start) continue; // overlapping or out of range: ignored
    if (start > at) parts.push({ start: at, text: text.slice(at, start), marked: false });
    parts.push({ start, text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) parts.push({ start: at, text: text.slice(at), marked: false });
  return (
    <>
      {parts.map((part) =>
        part.marked ? (
          <mark key={part.start} className="rounded-sm bg-amber-200 px-0.5 text-inherit dark:bg-amber-500/40">
            {part.text}
          </mark>
        ) : (
          <span key={part.start}>{part.text}</span>
        ),
      )}
    </>
  );
}
