// Between Yjs and ProseMirror JSON with the editor's own schema (lib/editor/extensions.ts), so what a
// version shows and what a restore or a copy writes are exactly the nodes the editor knows.
import * as Y from "yjs";
import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { documentExtensions } from "../../lib/editor/extensions";
import { withoutDefaultFormatting } from "../../lib/editor/formatting";
import type { ProseMirrorNode } from "../../lib/contracts/history";
import { EDITOR_FIELD } from "../collab/documentText";

let schema: Schema | undefined;
function editorSchema(): Schema {
  schema ??= getSchema(documentExtensions());
  return schema;
}

/** The Tiptap document held by a Y.Doc ({type: "doc", content: [...]}). */
export function docToJSON(doc: Y.Doc): ProseMirrorNode {
  // Left-aligned paragraphs read as `{type: "paragraph", content}`, with no `attrs: {textAlign: null}`.
  return withoutDefaultFormatting(yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(EDITOR_FIELD), editorSchema()).toJSON() as ProseMirrorNode);
}

/**
 * The update that makes a document with state `current` hold `content` instead: computed on a copy
 * with a fresh client id (so the new text is attributed to whoever asked for it, see `clientId`), in
 * one transaction. y-tiptap's updateYFragment changes only what differs, so text both states share
 * keeps its author. Applied to the live room it is one change
 * like any other (every editor receives it; the log keeps what was there before).
 */
export function replacementUpdate(current: Uint8Array, content: ProseMirrorNode): { update: Uint8Array; clientId: number } {
  const copy = new Y.Doc();
  try {
    Y.applyUpdate(copy, current);
    const before = Y.encodeStateVector(copy);
    const fragment = copy.getXmlFragment(EDITOR_FIELD);
    copy.transact(() => prosemirrorJSONToYXmlFragment(editorSchema(), content, fragment));
    return { update: Y.encodeStateAsUpdate(copy, before), clientId: copy.clientID };
  } finally {
    copy.destroy();
  }
}
