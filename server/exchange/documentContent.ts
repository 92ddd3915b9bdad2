// A document's content as a ProseMirror node, for export: from the live room when it is open (what
// people see right now), otherwise from the store without opening a room (a workspace export reads
// every document in a row; rooms for all of them would sit in memory until they unload).
import * as Y from "yjs";
import type { Node, Schema } from "@tiptap/pm/model";
import { yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import type { CollabService } from "../collab/collabChannel";
import { EDITOR_FIELD } from "../collab/documentText";

/** The document's content, or null when it does not exist. */
export async function readDocumentNode(collab: CollabService, documentId: string, schema: Schema): Promise<Node | null> {
  const updates = await storedState(collab, documentId);
  if (!updates) return null;
  // Always a private copy: y-tiptap deletes from the Y.Doc any element the schema refuses, and the
  // live room's document must never be changed by someone reading it.
  const copy = new Y.Doc();
  try {
    for (const update of updates) {
      try {
        Y.applyUpdate(copy, update);
      } catch {
        // a stored part that does not apply is the room's to set aside when it opens; the rest is the content
      }
    }
    return yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(EDITOR_FIELD), schema);
  } finally {
    copy.destroy();
  }
}

async function storedState(collab: CollabService, documentId: string): Promise<Uint8Array[] | null> {
  if (collab.manager.isOpen(documentId)) {
    const state = await collab.read(documentId, (doc) => Y.encodeStateAsUpdate(doc));
    if (state) return [state];
  }
  await collab.store.flush(); // updates still in the group-commit window are part of the document
  const loaded = await collab.store.load(documentId);
  return loaded ? loaded.updates : null;
}
