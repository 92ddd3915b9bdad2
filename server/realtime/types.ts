// The typed socket.io server and socket used across server/realtime.
import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/realtime/events";
import type { AuthUser } from "../auth/auth";
import type { TokenBucket } from "./tokenBucket";
import type { Credential } from "./sessionRecheck";

export type SocketData = { user: AuthUser; credential: Credential; credentialId: string; bucket: TokenBucket };
type NoInterServerEvents = Record<string, never>;

export type TandemIo = Server<ClientToServerEvents, ServerToClientEvents, NoInterServerEvents, SocketData>;
export type TandemSocket = Socket<ClientToServerEvents, ServerToClientEvents, NoInterServerEvents, SocketData>;
