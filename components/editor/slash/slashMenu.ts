// "/" opens a menu of blocks (components/editor/slash/slashItems.ts) at the start of a block or after a
// space; typing filters it, arrows move, Enter or a click inserts, Escape closes. Built on
// @tiptap/suggestion, which tracks the "/query" range and positions the popup at the caret.
import { Extension } from "@tiptap/core";
import { PluginKey } from "@tiptap/pm/state";
import { ReactRenderer } from "@tiptap/react";
import Suggestion from "@tiptap/suggestion";
import { filterSlashItems, SLASH_ITEMS, type SlashItem } from "./slashItems";
import { SLASH_LISTBOX_ID, SlashMenuList, type SlashMenuHandle, type SlashMenuProps } from "./SlashMenuList";

const slashKey = new PluginKey("slashMenu");

export const SlashMenu = Extension.create({
  name: "slashMenu",

  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      Suggestion<SlashItem, SlashItem>({
        editor,
        pluginKey: slashKey,
        char: "/",
        allowedPrefixes: [" "], // at the start of a block, or after a space (not inside "and/or" or a URL)
        // Not in code, where "/" is just a character (paths, comments, division), and not glued to the
        // word after it ("/" typed before "Trip" at the start of a line is text, not a command).
        allow: ({ state, range }) => {
          const $from = state.doc.resolve(range.from);
          if (!editor.isEditable || $from.parent.type.spec.code) return false;
          const $to = state.doc.resolve(range.to);
          const next = $to.parent.textBetween($to.parentOffset, Math.min($to.parent.content.size, $to.parentOffset + 1), "", " ");
          return next === "" || /\s/.test(next);
        },
        items: ({ query }) => filterSlashItems(SLASH_ITEMS, query, editor),
        command: ({ editor: e, range, props: item }) => item.run(e, range),
        render: () => {
          let renderer: ReactRenderer<SlashMenuHandle, SlashMenuProps> | null = null;
          let unmount: (() => void) | undefined;
          const dom = () => editor.view.dom;
          const onActive = (optionId: string | null) => {
            if (optionId) dom().setAttribute("aria-activedescendant", optionId);
            else dom().removeAttribute("aria-activedescendant");
          };
          return {
            onStart: (props) => {
              renderer = new ReactRenderer(SlashMenuList, {
                editor: props.editor,
                props: { items: props.items, command: props.command, onActive },
                className: "z-50",
              });
              dom().setAttribute("aria-controls", SLASH_LISTBOX_ID);
              unmount = props.mount(renderer.element as HTMLElement);
            },
            onUpdate: (props) => renderer?.updateProps({ items: props.items, command: props.command, onActive }),
            onKeyDown: ({ event }) => renderer?.ref?.onKeyDown(event) ?? false,
            onExit: () => {
              unmount?.();
              renderer?.destroy();
              renderer = null;
              dom().removeAttribute("aria-controls");
              dom().removeAttribute("aria-activedescendant");
            },
          };
        },
      }),
    ];
  },
});
