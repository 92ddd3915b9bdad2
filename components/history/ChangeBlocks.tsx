// Renders GET /compare's blocks: as changes (added text on green and underlined, removed text red and
// struck through, text whose formatting changed with an amber dotted underline, a block whose own
// formatting changed, such as a heading's level, with an amber bar and a note) or by author (each stretch on its writer's colour). Every coloured stretch says who
// and when in a small card on hover. Nested blocks (list items, table cells) come as lines within their block.
"use client";
import { useRef, useState, type CSSProperties, type MouseEvent, type ReactNode } from "react";
import type { CompareBlock, CompareRun, Contributor } from "@/lib/contracts/history";
import { userColor } from "@/lib/collab/userColor";
import { versionWhen } from "@/lib/versionDays";
import { editorContentClass } from "@/components/editor/editorStyles";

export type ChangeMode = "changes" | "authors";

export const addedClass =
  "box-decoration-clone rounded-sm bg-emerald-100 text-emerald-950 no-underline shadow-[inset_0_-2px_0_#10b981] dark:bg-emerald-900/60 dark:text-emerald-50 dark:shadow-[inset_0_-2px_0_#34d399]";
export const removedClass =
  "box-decoration-clone rounded-sm bg-red-100 text-red-900 line-through decoration-red-600 decoration-2 dark:bg-red-950/70 dark:text-red-200 dark:decoration-red-400";
export const formattedClass =
  "box-decoration-clone rounded-sm bg-amber-50 underline decoration-amber-500 decoration-dotted decoration-2 underline-offset-4 dark:bg-amber-950/50 dark:decoration-amber-400";
const formatBlockClass = "border-l-4 border-amber-500 pl-3 dark:border-amber-400";
const authorClass =
  "box-decoration-clone rounded-sm bg-[color-mix(in_srgb,var(--author)_20%,transparent)] shadow-[inset_0_-2px_0_var(--author)] dark:bg-[color-mix(in_srgb,var(--author)_38%,transparent)]";

const LIST_TYPES = new Set(["bulletList", "orderedList", "taskList"]);

/** "Added by Ana · today at 14:05": who and when, for a stretch's tooltip. */
export function runTitle(run: CompareRun, names: Map<string, string>, mode: ChangeMode): string {
  // Who removed a stretch is unknown only for deletions made before the server recorded them.
  const verb = mode === "authors" ? "Written" : { removed: "Removed", formatted: "Formatting changed", added: "Added", same: "Written" }[run.change];
  return changeTitle(verb, run, names);
}

/** "Removed by Ana · today at 14:05" (who may be unknown; when, until a version holds it, is "since the last version"). */
function changeTitle(verb: string, change: { authorId: string | null; at: string | null }, names: Map<string, string>): string {
  const who = change.authorId ? ` by ${names.get(change.authorId) ?? "a former member"}` : "";
  const when = change.at ? versionWhen(change.at) : "since the last version";
  return `${verb}${who} · ${when}`;
}

const BLOCK_NAMES: Record<string, string> = { paragraph: "Paragraph", heading: "Heading", codeBlock: "Code", blockquote: "Quote" };
/** "Heading 1", "Paragraph, centred": how a block's formatting reads, for "was Heading 1". */
function blockLook(type: string, attrs: Record<string, unknown> | undefined): string {
  const base = type === "heading" && attrs?.level ? `Heading ${attrs.level}` : (BLOCK_NAMES[type] ?? type);
  const align = typeof attrs?.textAlign === "string" && attrs.textAlign !== "left" ? `, aligned ${attrs.textAlign}` : "";
  return `${base}${align}`;
}

function Run({ run, names, mode }: { run: CompareRun; names: Map<string, string>; mode: ChangeMode }) {
  // An empty block still shows its change, as a sliver.
  const text = run.text === "" ? "\u00a0" : run.text;
  const tip = runTitle(run, names, mode);
  // What the hover card shows the mouse, said to screen readers after the stretch.
  const note = <span className="sr-only"> ({tip})</span>;
  if (mode === "authors") {
    if (run.change === "removed") return null; // not in the text any more
    const style = { "--author": run.authorId ? userColor(run.authorId) : "#71717a" } as CSSProperties;
    return (
      <span data-author-id={run.authorId ?? ""} data-tip={tip} className={authorClass} style={style}>
        {text}
        {note}
      </span>
    );
  }
  if (run.change === "same") return <>{run.text}</>;
  const Tag = run.change === "added" ? "ins" : run.change === "removed" ? "del" : "span";
  const className = run.change === "added" ? addedClass : run.change === "removed" ? removedClass : formattedClass;
  return (
    <Tag data-change={run.change} data-author-id={run.authorId ?? ""} data-tip={tip} className={className}>
      {text}
      {note}
    </Tag>
  );
}

/** The runs cut at line breaks: one array per line (a list item, a table row's cell). */
function lines(runs: CompareRun[]): CompareRun[][] {
  const out: CompareRun[][] = [[]];
  for (const run of runs) {
    const parts = run.text.split("\n");
    parts.forEach((text, i) => {
      if (i > 0) out.push([]);
      if (text !== "" || parts.length === 1) out[out.length - 1].push({ ...run, text });
    });
  }
  return out;
}

function Block({ block, names, mode }: { block: CompareBlock; names: Map<string, string>; mode: ChangeMode }) {
  const change = mode === "changes" ? block.formatChange : undefined;
  if (!change) return <BlockBody block={block} names={names} mode={mode} />;
  const tip = changeTitle(`Formatting changed (was ${blockLook(change.typeBefore ?? block.type, change.before)})`, change, names);
  return (
    <div data-change="block-formatted" data-author-id={change.authorId ?? ""} data-tip={tip} className={formatBlockClass}>
      <BlockBody block={block} names={names} mode={mode} />
      <p className="sr-only">({tip})</p>
    </div>
  );
}

function BlockBody({ block, names, mode }: { block: CompareBlock; names: Map<string, string>; mode: ChangeMode }) {
  const runs = (list: CompareRun[]): ReactNode =>
    // biome-ignore lint/suspicious/noArrayIndexKey: runs are a fixed sequence from one answer, never reordered
    list.map((run, i) => <Run key={i} run={run} names={names} mode={mode} />);
  if (LIST_TYPES.has(block.type)) {
    const List = block.type === "orderedList" ? "ol" : "ul";
    return (
      <List className={block.type === "taskList" ? "list-none! pl-1!" : undefined}>
        {lines(block.runs).map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines of one block, in order
          <li key={i}>{runs(line)}</li>
        ))}
      </List>
    );
  }
  switch (block.type) {
    case "heading": {
      const level = Math.min(6, Math.max(1, Number(block.attrs?.level) || 1));
      const Heading = `h${level}` as "h1";
      return <Heading>{runs(block.runs)}</Heading>;
    }
    case "codeBlock":
      return <pre>{runs(block.runs)}</pre>;
    case "blockquote":
      return (
        <blockquote>
          <p className="whitespace-pre-wrap">{runs(block.runs)}</p>
        </blockquote>
      );
    case "horizontalRule":
      return <hr />;
    default:
      return <p className="whitespace-pre-wrap">{runs(block.runs)}</p>;
  }
}

/** Where the hover card sits: under the line of the stretch the pointer is on, inside the frame. */
type Tip = { text: string; left: number; top: number };
const TIP_WIDTH = 256;

export function ChangeBlocks({ blocks, authors, mode, testId }: { blocks: CompareBlock[]; authors: Contributor[]; mode: ChangeMode; testId: string }) {
  const names = new Map(authors.map((a) => [a.id, a.name]));
  const frame = useRef<HTMLDivElement>(null);
  const [tip, setTip] = useState<Tip | null>(null);

  function onMouseOver(e: MouseEvent<HTMLDivElement>) {
    const run = (e.target as HTMLElement).closest<HTMLElement>("[data-tip]");
    if (!run || !frame.current) return setTip(null);
    const base = frame.current.getBoundingClientRect();
    // A stretch may wrap over lines: the card goes under the line the pointer is on.
    const line = Array.from(run.getClientRects()).find((r) => e.clientY >= r.top && e.clientY <= r.bottom) ?? run.getBoundingClientRect();
    const left = Math.max(8, Math.min(e.clientX - base.left - 24, base.width - TIP_WIDTH - 8));
    setTip({ text: run.dataset.tip ?? "", left, top: line.bottom - base.top + 6 });
  }

  return (
    // biome-ignore lint/a11y/useKeyWithMouseEvents: the card is the mouse's view of what each stretch already says to screen readers (its sr-only note)
    // biome-ignore lint/a11y/noStaticElementInteractions: hovering only shows that card; nothing here acts
    <div ref={frame} className="relative" onMouseOver={onMouseOver} onMouseLeave={() => setTip(null)}>
      <div data-testid={testId} role="document" className={editorContentClass}>
        {blocks.map((block, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks of one answer, in document order
          <Block key={i} block={block} names={names} mode={mode} />
        ))}
      </div>
      {tip && (
        <div
          role="tooltip"
          data-testid="change-card"
          className="pointer-events-none absolute z-30 w-max max-w-64 rounded-md bg-zinc-900 px-2.5 py-1.5 text-xs font-medium text-white shadow-lg dark:bg-zinc-100 dark:text-zinc-900"
          style={{ left: tip.left, top: tip.top }}
        >
          {tip.text}
        </div>
      )}
    </div>
  );
}

/** Whether anything changed between the two points. */
export const hasChanges = (blocks: CompareBlock[]) => blocks.some((b) => b.formatChange !== undefined || b.runs.some((r) => r.change !== "same"));
