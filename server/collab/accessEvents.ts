// Keeps open rooms in line with the event bus: revoked members are disconnected, changed roles take
// effect at once, deleted documents' rooms are dropped (and never written again). Credentials and the
// closing of a deleted document's sockets belong to the access authority (server/access/liveAccess.ts);
// the membership rules here move there next (issue 13), once RoomManager can be changed.
import { CloseCode } from "../../lib/collab/closeCodes";
import type { EventBus } from "../bus/bus";
import { canEdit } from "../domain/documents";
import type { RoomManager } from "./RoomManager";

export function followAccessChanges(bus: EventBus, manager: RoomManager): () => void {
  return bus.subscribe((event) => {
    switch (event.type) {
      case "membership.changed":
        manager.accessEpoch++;
        if (event.role === null) {
          manager.closeUser(event.documentId, event.userId, CloseCode.Forbidden, "Your access to this document was removed.");
        } else {
          manager.setWriteAccess(event.documentId, event.userId, canEdit(event.role));
        }
        return;
      case "document.deleted":
        // The authority closes the sockets with 4404 (the same close as here); the room must go without a write.
        manager.accessEpoch++;
        manager.drop(event.documentId);
        return;
      default:
        return; // other events do not concern open documents
    }
  });
}
