// "@" in the text opens an autocomplete of the document's members and of the documents you can see:
// a member becomes a mention (and is notified, like a mention in a comment), a document a link to it
// showing its title (the nodes are in lib/editor/mentions.ts). Typing filters, arrows move, Enter or a
// click inserts, Escape closes. Only this trigger is in the page's first JavaScript: the list, its
// data and the notification load on the first "@" (mentionPopup.tsx).
import { Extension } from "@tiptap/core";
import { PluginKey } from "@tiptap/pm/state";
import Suggestion, { type SuggestionProps } from "@tiptap/suggestion";

export type MentionItem = { kind: "member"; id: string; label: string; hint: string } | { kind: "document"; id: string; label: string; hint: string };

export type MentionMenuOptions = { documentId: string; userId: string };

const mentionKey = new PluginKey("mentionMenu");
const popup = () => import("./mentionPopup");

export const MentionMenu = Extension.create<MentionMenuOptions>({
  name: "mentionMenu",

  addOptions: () => ({ documentId: "", userId: "" }),

  addProseMirrorPlugins() {
    const editor = this.editor;
    const { documentId, userId } = this.options;
    return [
      Suggestion<MentionItem, MentionItem>({
        editor,
        pluginKey: mentionKey,
        char: "@",
        allowedPrefixes: [" ", "(", "\u00a0"], // not inside an email address ("ada@example.com")
        allowSpaces: false,
        allow: ({ state, range }) => editor.isEditable && !state.doc.resolve(range.from).parent.type.spec.code,
        items: async ({ query }) => (await popup()).mentionItems(documentId, userId, query),
        command: ({ editor: e, range, props: item }) => {
          // One space after the mention, without doubling one that is already there.
          const after = e.state.selection.$to.nodeAfter;
          const to = after?.text?.startsWith(" ") ? range.to + 1 : range.to;
          e.chain()
            .focus()
            .insertContentAt({ from: range.from, to }, [
              { type: item.kind === "member" ? "mention" : "documentMention", attrs: { id: item.id, label: item.label } },
              { type: "text", text: " " },
            ])
            .run();
          if (item.kind === "member") void popup().then((m) => m.notifyMentioned(documentId, item.id));
        },
        render: () => {
          let view: { update: (p: SuggestionProps<MentionItem, MentionItem>) => void; keyDown: (e: KeyboardEvent) => boolean; destroy: () => void } | null =
            null;
          let latest: SuggestionProps<MentionItem, MentionItem> | null = null;
          return {
            onStart: (props) => {
              latest = props;
              void popup().then((m) => {
                if (latest && !view) view = m.openMentionPopup(latest);
              });
            },
            onUpdate: (props) => {
              latest = props;
              view?.update(props);
            },
            onKeyDown: ({ event }) => view?.keyDown(event) ?? false,
            onExit: () => {
              latest = null;
              view?.destroy();
              view = null;
            },
          };
        },
      }),
    ];
  },
});
