// A selected image (click it, or arrow onto it) shows a small bar: its alt text, to edit, and Remove.
// Editors only. Alt text is what a screen reader says and what shows when the image cannot load.
"use client";
import { useEditorState, type Editor } from "@tiptap/react";
import { BubbleMenu } from "@tiptap/react/menus";
import { PluginKey } from "@tiptap/pm/state";
import { useAsk } from "@/components/ui/AskDialog";

const imageBubbleKey = new PluginKey("imageBubble");
const ALT_MAX = 500;

const buttonClass =
  "inline-flex h-8 items-center rounded px-2 text-sm whitespace-nowrap hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800";

export function ImageBubble({ editor }: { editor: Editor }) {
  const ask = useAsk();
  const alt = useEditorState({
    editor,
    selector: ({ editor: e }) => (e.isActive("image") ? ((e.getAttributes("image").alt as string | null) ?? "") : null),
  });

  const editAlt = async () => {
    const value = await ask.prompt({
      title: "Describe this image",
      message: "Alt text is read aloud to people who cannot see the image, and shown if it does not load. Leave it empty for a purely decorative image.",
      label: "Alt text",
      initialValue: alt ?? "",
      confirmLabel: "Save",
      validate: (v) => (v.trim().length > ALT_MAX ? `Keep it under ${ALT_MAX} characters: a sentence or two is plenty.` : null),
    });
    if (value === null) return void editor.commands.focus();
    editor
      .chain()
      .focus()
      .updateAttributes("image", { alt: value.trim() || null })
      .run();
  };

  return (
    <BubbleMenu
      editor={editor}
      pluginKey={imageBubbleKey}
      shouldShow={({ editor: e }) => e.isEditable && e.isActive("image")}
      // Over the image's own bottom edge, not below it: there it covered the next line of text.
      options={{ placement: "bottom", offset: -52, flip: false }}
      className="z-30"
    >
      <div
        role="toolbar"
        aria-label="Image"
        data-testid="image-bubble"
        className="flex max-w-[min(90vw,28rem)] items-center gap-1 rounded-lg border border-zinc-200 bg-white p-1 text-zinc-800 shadow-lg dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:shadow-black/40"
      >
        <span className="min-w-0 truncate px-2 text-xs text-zinc-500 dark:text-zinc-400" data-testid="image-alt">
          {alt ? `Alt: ${alt}` : "No alt text yet"}
        </span>
        <button type="button" className={buttonClass} onMouseDown={(e) => e.preventDefault()} onClick={() => void editAlt()}>
          {alt ? "Edit alt text" : "Add alt text"}
        </button>
        <button
          type="button"
          className={`${buttonClass} text-red-600 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950/50`}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => editor.chain().focus().deleteSelection().run()}
        >
          Remove
        </button>
      </div>
    </BubbleMenu>
  );
}
