// A socket's document rooms, held under the access authority. Joining a document's room (doc:join)
// registers the socket with server/access/liveAccess.ts for that document, as the collab channel does
// for its sockets, so the authority alone decides when a socket must leave: membership removed,
// document deleted (or trashed), credential ended. The bus bridge only tells people what happened.
import type { LiveAccess, LiveAccessHandle } from "../access/liveAccess";
import { docRoom } from "./rooms";
import type { TandemSocket } from "./types";
import type { LiveLink } from "../domain/shareLinks";
import { DEAD_LINK_MESSAGE } from "../../lib/contracts/shareLinks";

export class DocumentRooms {
  private readonly held = new Map<string, LiveAccessHandle>();
  /** The share link each room was joined through, when it was (an entry link). */
  private readonly links = new Map<string, LiveLink>();

  constructor(
    private readonly socket: TandemSocket,
    private readonly access: LiveAccess,
  ) {
    socket.once("disconnect", () => this.releaseAll());
  }

  async join(documentId: string, link?: LiveLink): Promise<void> {
    if (!this.held.has(documentId)) {
      if (link) this.links.set(documentId, link);
      const { credentialId, user, expiresAt } = this.socket.data;
      const handle = this.access.register({
        credentialId,
        userId: user.id,
        documentId,
        expiresAt,
        link,
        // Left after this turn: the bus bridge's notice about the same event (access:changed, sent to
        // the document's room) must still reach the socket.
        connection: {
          end: (reason) => {
            // Nobody else tells a socket its link ended (the bus bridge speaks of memberships): say it here.
            if (reason === "link-ended") {
              this.socket.emit("access:changed", {
                documentId,
                title: "",
                role: null,
                previousRole: link?.role ?? null,
                reason: "removed",
                message: DEAD_LINK_MESSAGE,
              });
            }
            setImmediate(() => this.leave(documentId));
          },
        },
      });
      this.held.set(documentId, handle);
      if (!handle.allows()) return this.leave(documentId); // ended while registering (revoked meanwhile)
    }
    await this.socket.join(docRoom(documentId));
  }

  /** The link the socket is in the document's room through, if any. */
  link(documentId: string): LiveLink | undefined {
    return this.links.get(documentId);
  }

  leave(documentId: string): void {
    this.held.get(documentId)?.release();
    this.held.delete(documentId);
    this.links.delete(documentId);
    void this.socket.leave(docRoom(documentId));
  }

  private releaseAll(): void {
    for (const handle of this.held.values()) handle.release();
    this.held.clear();
  }
}
