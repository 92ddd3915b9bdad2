// What a channel (collab WebSockets, socket.io, SSE, operations) plugs into the server.
import type { Server as HttpServer } from "node:http";
import type { Router } from "./http/router";
import type { UpgradeRouter } from "./http/upgrade";
import type { Services } from "./services";

export type ChannelContext = { services: Services; router: Router; upgrades: UpgradeRouter; httpServer: HttpServer };

export interface Channel {
  name: string;
  /** Called first on SIGTERM: stop advertising readiness; everything keeps working until close(). */
  drain?(): void;
  /** Called on SIGTERM before the process exits: stop accepting, flush, close peers politely. */
  close(): Promise<void>;
}

export type ChannelFactory = (ctx: ChannelContext) => Promise<Channel> | Channel;
