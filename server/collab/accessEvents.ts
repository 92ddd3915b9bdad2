// Keeps open connections in line with the event bus: revoked members are disconnected, changed roles
// take effect at once, deleted documents close for everyone (and are never written again).
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
        manager.accessEpoch++;
        manager.drop(event.documentId);
        return;
      default:
        return; // other events do not concern open documents
    }
  });
}
