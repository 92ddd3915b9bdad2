// The server's singletons, created once in app.ts and handed to every channel.
import type { Config } from "./config";
import type { Db } from "./db/client";
import type { EventBus } from "./bus/bus";
import type { Auth } from "./auth/auth";
import type { Documents } from "./domain/documents";
import type { Logger } from "./log";
import type { Metrics } from "./ops/metrics";
import type { LiveAccess } from "./access/liveAccess";

export type Services = {
  config: Config;
  db: Db;
  bus: EventBus;
  auth: Auth;
  documents: Documents;
  log: Logger;
  metrics: Metrics;
  /** Every live connection of every channel, and when each must end (server/access/liveAccess.ts). */
  access: LiveAccess;
};
