// Keeps open rooms in line with the event bus: deleted documents' rooms are dropped (and never
// written again), and every access change is told to the manager, whose epoch connections still
// authorizing compare against (upgradeHandler.stillAllowed). Who is disconnected or gets a new role is decided by the
// access authority (server/access/liveAccess.ts) for every channel.
import type { EventBus } from "../bus/bus";
import type { RoomManager } from "./RoomManager";

export function followAccessChanges(bus: EventBus, manager: RoomManager): () => void {
  return bus.subscribe((event) => {
    switch (event.type) {
      case "membership.changed":
        manager.accessChanged();
        return;
      case "document.deleted":
        // The authority closes the sockets with 4404 (the same close as here); the room must go without a write.
        manager.accessChanged();
        manager.drop(event.documentId);
        return;
      case "document.restored":
        // Back from the trash: connections authorizing now see it (no room is open for it to change).
        manager.accessChanged();
        return;
      default:
        return; // other events do not concern open documents
    }
  });
}
