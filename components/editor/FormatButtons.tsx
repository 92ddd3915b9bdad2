// The toolbar's highlight and alignment buttons (lib/editor/formatting.ts), and what they offer in the
// toolbar's "More" menu once they no longer fit its row. Highlight toggles the colour last chosen; its
// "▾" shows the colours (and "No highlight") as more buttons of the same toolbar, so the arrow keys reach
// them. Left is the default alignment: choosing it removes the attribute.
"use client";
import { useEditorState, type Editor } from "@tiptap/react";
import { useState, type ReactNode } from "react";
import type { MenuSection } from "@/components/ui/Menu";
import { ALIGNMENTS, type Alignment, HIGHLIGHT_COLORS, type HighlightColor, highlightColor } from "@/lib/editor/formatting";
import { ALIGN_SHORTCUTS, TOOLBAR_SHORTCUTS } from "@/lib/editor/toolbarLayout";
import { ToolButton } from "./ToolButton";

/** Writes a shortcut's keys the way this platform does, for a menu item's hint. */
export type HintOf = (keys: string[] | undefined) => string | undefined;

/** A button with choices it opens as more toolbar buttons: Escape on any of them closes the choices. */
function OpenableGroup({ open, onClose, children }: { open: boolean; onClose: () => void; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the choices from any of their buttons
    <span
      className="inline-flex items-center gap-0.5"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      {children}
    </span>
  );
}

const SWATCH: Record<HighlightColor, string> = {
  yellow: "bg-yellow-200 dark:bg-yellow-800",
  green: "bg-green-200 dark:bg-green-800",
  blue: "bg-sky-200 dark:bg-sky-800",
  pink: "bg-pink-200 dark:bg-pink-800",
};
const COLOR_NAME: Record<HighlightColor, string> = { yellow: "Yellow", green: "Green", blue: "Blue", pink: "Pink" };

export type HighlightChoice = {
  /** The colour under the selection, null for none. */
  active: HighlightColor | null;
  /** The colour the Highlight button applies: the last one chosen. */
  color: HighlightColor;
  apply: (c: HighlightColor) => void;
  toggle: () => void;
  clear: () => void;
};

/** One state for the highlight button and its entries in "More" (the last colour chosen is shared). */
export function useHighlight(editor: Editor): HighlightChoice {
  const [color, setColor] = useState<HighlightColor>("yellow");
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => (e.isActive("highlight") ? highlightColor(e.getAttributes("highlight").color) : null),
  });
  const apply = (c: HighlightColor) => {
    setColor(c);
    // "yellow" is the default colour, stored as no colour (what Ctrl/Cmd+Shift+H writes); an explicit
    // null, since setMark keeps the colour of a highlight already there otherwise.
    editor
      .chain()
      .focus()
      .setMark("highlight", { color: c === "yellow" ? null : c })
      .run();
  };
  const clear = () => editor.chain().focus().unsetHighlight().run();
  return { active, color, apply, clear, toggle: () => (active ? clear() : apply(color)) };
}

const swatch = (c: HighlightColor) => <span aria-hidden="true" className={`h-4 w-4 rounded-full border border-zinc-400 dark:border-zinc-500 ${SWATCH[c]}`} />;
const highlightIcon = (c: HighlightColor) => <span className={`rounded-sm px-1 ${SWATCH[c]}`}>A</span>;

export function HighlightButtons({ highlight, disabled }: { highlight: HighlightChoice; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const { active, color } = highlight;
  return (
    <OpenableGroup open={open} onClose={() => setOpen(false)}>
      <ToolButton label="Highlight" testId="highlight-button" active={active !== null} disabled={disabled} onClick={highlight.toggle}>
        {highlightIcon(active ?? color)}
      </ToolButton>
      <ToolButton label="Highlight colours" compact expanded={open} disabled={disabled} onClick={() => setOpen((o) => !o)}>
        <span aria-hidden="true">▾</span>
      </ToolButton>
      {open &&
        HIGHLIGHT_COLORS.map((c) => (
          <ToolButton
            key={c}
            label={`${COLOR_NAME[c]} highlight`}
            active={active === c}
            disabled={disabled}
            onClick={() => {
              setOpen(false);
              highlight.apply(c);
            }}
          >
            {swatch(c)}
          </ToolButton>
        ))}
      {open && (
        <ToolButton
          label="No highlight"
          disabled={disabled}
          onClick={() => {
            setOpen(false);
            highlight.clear();
          }}
        >
          <span aria-hidden="true" className="text-xs">
            None
          </span>
        </ToolButton>
      )}
    </OpenableGroup>
  );
}

/** In "More": the Highlight toggle, then each colour (checked: the one under the selection). */
export function highlightMenuSection(highlight: HighlightChoice, disabled: boolean, hint: HintOf): MenuSection {
  return {
    key: "highlight",
    label: "Highlight",
    items: [
      {
        key: "highlight",
        kind: "checkbox",
        label: "Highlight",
        icon: highlightIcon(highlight.active ?? highlight.color),
        hint: hint(TOOLBAR_SHORTCUTS.highlight),
        checked: highlight.active !== null,
        disabled,
        run: highlight.toggle,
      },
      ...HIGHLIGHT_COLORS.map((c) => ({
        key: c,
        kind: "radio" as const,
        label: `${COLOR_NAME[c]} highlight`,
        icon: swatch(c),
        checked: highlight.active === c,
        disabled,
        run: () => highlight.apply(c),
      })),
    ],
  };
}

const ALIGN_LABEL: Record<Alignment, string> = { left: "Align left", center: "Center", right: "Align right", justify: "Justify" };
/** Lines of an icon: full width, or shorter and placed as the alignment places text. */
const ALIGN_LINES: Record<Alignment, string> = {
  left: "M3 5h14M3 9h9M3 13h14M3 17h9",
  center: "M3 5h14M5.5 9h9M3 13h14M5.5 17h9",
  right: "M3 5h14M8 9h9M3 13h14M8 17h9",
  justify: "M3 5h14M3 9h14M3 13h14M3 17h14",
};
const alignIcon = (a: Alignment) => (
  <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" className="h-4 w-4" aria-hidden="true">
    <path d={ALIGN_LINES[a]} />
  </svg>
);

export type AlignmentChoice = { current: Alignment; set: (a: Alignment) => void };

export function useAlignment(editor: Editor): AlignmentChoice {
  const current = useEditorState({
    editor,
    selector: ({ editor: e }): Alignment => (ALIGNMENTS.find((a) => a !== "left" && e.isActive({ textAlign: a })) as Alignment | undefined) ?? "left",
  });
  const set = (a: Alignment) => {
    if (a === "left") editor.chain().focus().unsetTextAlign().run();
    else editor.chain().focus().setTextAlign(a).run();
  };
  return { current, set };
}

/**
 * One button showing the current alignment; it opens the four choices as more buttons of the
 * toolbar (as the highlight colours do), so the toolbar keeps more of its buttons in one row.
 */
export function AlignButtons({ alignment, disabled }: { alignment: AlignmentChoice; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const { current } = alignment;
  return (
    <OpenableGroup open={open} onClose={() => setOpen(false)}>
      <ToolButton label={`Text alignment: ${ALIGN_LABEL[current].toLowerCase()}`} expanded={open} disabled={disabled} onClick={() => setOpen((o) => !o)}>
        {alignIcon(current)}
        <span aria-hidden="true" className="ml-0.5 text-xs">
          ▾
        </span>
      </ToolButton>
      {open &&
        ALIGNMENTS.map((a) => (
          <ToolButton
            key={a}
            label={ALIGN_LABEL[a]}
            active={current === a}
            disabled={disabled}
            onClick={() => {
              setOpen(false);
              alignment.set(a);
            }}
          >
            {alignIcon(a)}
          </ToolButton>
        ))}
    </OpenableGroup>
  );
}

/** In "More": the four alignments, one of them checked. */
export function alignMenuSection(alignment: AlignmentChoice, disabled: boolean, hint: HintOf): MenuSection {
  return {
    key: "align",
    label: "Alignment",
    items: ALIGNMENTS.map((a) => ({
      key: a,
      kind: "radio" as const,
      label: ALIGN_LABEL[a],
      icon: alignIcon(a),
      hint: hint(ALIGN_SHORTCUTS[a]),
      checked: alignment.current === a,
      disabled,
      run: () => alignment.set(a),
    })),
  };
}
