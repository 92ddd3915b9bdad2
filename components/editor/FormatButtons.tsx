// The toolbar's highlight and alignment buttons (lib/editor/formatting.ts). Highlight toggles the
// colour last chosen; its "▾" shows the colours (and "No highlight") as more buttons of the same
// toolbar, so the arrow keys reach them. Left is the default alignment: choosing it removes the attribute.
"use client";
import { useEditorState, type Editor } from "@tiptap/react";
import { useState, type ReactNode } from "react";
import { ALIGNMENTS, type Alignment, HIGHLIGHT_COLORS, type HighlightColor, highlightColor } from "@/lib/editor/formatting";
import { ToolButton } from "./ToolButton";

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

export function HighlightButtons({ editor, disabled }: { editor: Editor; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const [color, setColor] = useState<HighlightColor>("yellow");
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => (e.isActive("highlight") ? highlightColor(e.getAttributes("highlight").color) : null),
  });
  const apply = (c: HighlightColor) => {
    setColor(c);
    setOpen(false);
    // "yellow" is the default colour, stored as no colour (what Ctrl/Cmd+Shift+H writes); an explicit
    // null, since setMark keeps the colour of a highlight already there otherwise.
    editor
      .chain()
      .focus()
      .setMark("highlight", { color: c === "yellow" ? null : c })
      .run();
  };
  return (
    <OpenableGroup open={open} onClose={() => setOpen(false)}>
      <ToolButton
        label="Highlight"
        testId="highlight-button"
        active={active !== null}
        disabled={disabled}
        onClick={() => {
          if (active) editor.chain().focus().unsetHighlight().run();
          else apply(color);
        }}
      >
        <span className={`rounded-sm px-1 ${SWATCH[active ?? color]}`}>A</span>
      </ToolButton>
      <ToolButton label="Highlight colours" compact expanded={open} disabled={disabled} onClick={() => setOpen((o) => !o)}>
        <span aria-hidden="true">▾</span>
      </ToolButton>
      {open &&
        HIGHLIGHT_COLORS.map((c) => (
          <ToolButton key={c} label={`${COLOR_NAME[c]} highlight`} active={active === c} disabled={disabled} onClick={() => apply(c)}>
            <span aria-hidden="true" className={`h-4 w-4 rounded-full border border-zinc-400 dark:border-zinc-500 ${SWATCH[c]}`} />
          </ToolButton>
        ))}
      {open && (
        <ToolButton
          label="No highlight"
          disabled={disabled}
          onClick={() => {
            setOpen(false);
            editor.chain().focus().unsetHighlight().run();
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

const ALIGN_LABEL: Record<Alignment, string> = { left: "Align left", center: "Center", right: "Align right", justify: "Justify" };
/** Lines of an icon: full width, or shorter and placed as the alignment places text. */
const ALIGN_LINES: Record<Alignment, string> = {
  left: "M3 5h14M3 9h9M3 13h14M3 17h9",
  center: "M3 5h14M5.5 9h9M3 13h14M5.5 17h9",
  right: "M3 5h14M8 9h9M3 13h14M8 17h9",
  justify: "M3 5h14M3 9h14M3 13h14M3 17h14",
};

/**
 * One button showing the current alignment; it opens the four choices as more buttons of the
 * toolbar (as the highlight colours do), so the toolbar fits one row at a desktop width.
 */
export function AlignButtons({ editor, disabled }: { editor: Editor; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const current = useEditorState({
    editor,
    selector: ({ editor: e }): Alignment => (ALIGNMENTS.find((a) => a !== "left" && e.isActive({ textAlign: a })) as Alignment | undefined) ?? "left",
  });
  const icon = (a: Alignment) => (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" className="h-4 w-4" aria-hidden="true">
      <path d={ALIGN_LINES[a]} />
    </svg>
  );
  return (
    <OpenableGroup open={open} onClose={() => setOpen(false)}>
      <ToolButton label={`Text alignment: ${ALIGN_LABEL[current].toLowerCase()}`} expanded={open} disabled={disabled} onClick={() => setOpen((o) => !o)}>
        {icon(current)}
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
              if (a === "left") editor.chain().focus().unsetTextAlign().run();
              else editor.chain().focus().setTextAlign(a).run();
            }}
          >
            {icon(a)}
          </ToolButton>
        ))}
    </OpenableGroup>
  );
}
