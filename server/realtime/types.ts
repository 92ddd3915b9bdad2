// The typed socket.io server and socket used across server/realtime.
import type { Slot } from "../ops/capacity";
import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/realtime/events";
import type { AuthUser } from "../auth/auth";
import type { TokenBucket } from "./tokenBucket";
import type { LiveLink } from "../domain/shareLinks";

/** `expiresAt`: when the credential the socket was opened with stops working (null: an access token). */
export type SocketData = {
  user: AuthUser;
  credentialId: string;
  expiresAt: Date | null;
  bucket: TokenBucket;
  /** False for an access token without the documents:write scope: no comment changes (auth/scopes.ts). */
  mayWrite: boolean;
  /** A guest's socket (no account): the share link it came in with, the one document it may join. */
  link?: LiveLink;
  /** Its place in the instance's capacity (server/ops/capacity.ts), given back on disconnect. */
  capacitySlot: Slot;
};
type NoInterServerEvents = Record<string, never>;

export type TandemIo = Server<ClientToServerEvents, ServerToClientEvents, NoInterServerEvents, SocketData>;
export type TandemSocket = Socket<ClientToServerEvents, ServerToClientEvents, NoInterServerEvents, SocketData>;
