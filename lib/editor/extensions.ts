// The document's Tiptap extensions, in one list: the browser editor, a read-only viewer and the server
// (export, schema checks) build the same schema from it. Collaboration (the Y.Doc binding, carets)
// and the placeholder are added by the editor hook, since they need a live session.
// Each feature lives in its own file and is registered here with one line.
import type { Extensions } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import TaskList from "@tiptap/extension-task-list";
import { ReadOnlyAwareTaskItem } from "@/components/editor/taskItem";
import { linkOptions } from "./links";
import { Tables } from "./tables";
import { MarkdownPaste } from "./markdownPaste";
import { DocumentImage } from "./image";
import { DocumentMention, MemberMention } from "./mentions";
import { DocumentHighlight, DocumentTextAlign } from "./formatting";
import { CommentHighlights } from "@/components/editor/commentHighlights";

export function documentExtensions(): Extensions {
  return [
    // Collaboration brings its own (Yjs) undo history.
    StarterKit.configure({ undoRedo: false, link: linkOptions }),
    TaskList,
    ReadOnlyAwareTaskItem.configure({ nested: true }),
    DocumentHighlight,
    DocumentTextAlign,
    Tables,
    MarkdownPaste,
    DocumentImage,
    MemberMention,
    DocumentMention,
    CommentHighlights,
  ];
}
