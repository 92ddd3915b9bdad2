// Where the indexer reads a document's plain text: the live room when it is open (what people are
// typing), otherwise what is stored, without opening a room (the start-up catch-up reads many
// documents in a row; opening a room for each would hold them all in memory until they unload).
import * as Y from "yjs";
import type { CollabService } from "../collab/collabChannel";
import { documentText } from "../collab/documentText";

/** The document's text, or null when it does not exist (or there is no collab server to ask). */
export type TextSource = (documentId: string) => Promise<string | null>;

export function collabTextSource(collab: () => CollabService | undefined): TextSource {
  return async (documentId) => {
    const service = collab();
    if (!service) return null;
    if (service.manager.isOpen(documentId)) return service.readText(documentId);
    await service.store.flush(); // updates still in the group-commit window are part of the text
    const loaded = await service.store.load(documentId);
    if (!loaded) return null;
    const doc = new Y.Doc();
    try {
      // A stored part that does not apply is the room's to set aside when it opens; the rest is the text.
      for (const update of loaded.updates) {
        try {
          Y.applyUpdate(doc, update);
        } catch {
          // skipped, see above
        }
      }
      return documentText(doc);
    } finally {
      doc.destroy();
    }
  };
}
