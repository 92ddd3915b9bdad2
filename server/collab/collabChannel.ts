// The collab channel: Yjs rooms over the standard y-websocket protocol at /collab/<docId>.
// Also the socket-less entry point for server code (`collabOf(services)`): read or edit a document,
// read the counters.
import { WebSocketServer } from "ws";
import type * as Y from "yjs";
import type { ChannelFactory } from "../channel";
import type { Services } from "../services";
import { defaultCollabOptions, type CollabOptions } from "./limits";
import { DocumentStore } from "./DocumentStore";
import { createUpdateLogWriter } from "../db/updateLogWriter";
import { RoomManager } from "./RoomManager";
import { COLLAB_PATH_PREFIX, createUpgradeHandler } from "./upgradeHandler";
import { startHeartbeat } from "./heartbeat";
import { ReadFlow } from "./readFlow";
import { followAccessChanges } from "./accessEvents";
import { documentText } from "./documentText";
import { collabBatchMetrics, registerCollabMetrics } from "./metrics";
import { RedisRoomRelay } from "./RoomRelay";
import { createPresenceReporter } from "../realtime/presenceReporter";
import { registerHttpTransport } from "./httpTransport";

export type CollabService = {
  manager: RoomManager;
  store: DocumentStore;
  /** The document's plain text (Tiptap field), or null when it does not exist. */
  readText(documentId: string): Promise<string | null>;
  read<T>(documentId: string, read: (doc: Y.Doc) => T): Promise<T | null>;
  edit(documentId: string, change: (doc: Y.Doc) => void): Promise<boolean>;
  stats(): ReturnType<RoomManager["stats"]>;
};

const CLOSE_GRACE_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const registry = new WeakMap<Services, CollabService>();

/** The collab service of a running server (several servers may run in one test process). */
export function collabOf(services: Services): CollabService | undefined {
  return registry.get(services);
}

export function collabChannelWith(overrides: Partial<CollabOptions> = {}): ChannelFactory {
  return async ({ services, upgrades, router }) => {
    const { burst, perSecond } = services.config.collabFrames;
    const options: CollabOptions = { ...defaultCollabOptions, frameBurst: burst, framesPerSecond: perSecond, ...overrides };
    const batchMetrics = collabBatchMetrics(services.metrics);
    // Hosted mode: rooms of the same document on other instances see each other through Redis.
    const relay = services.redis ? new RedisRoomRelay(services.redis.pub, services.redis.sub, services.redis.prefix, services.log) : undefined;
    const store = new DocumentStore(
      services.db,
      services.log,
      options,
      batchMetrics,
      // With a relay, other instances write the same documents' logs: compaction must merge, not replace.
      createUpdateLogWriter(services.config, services.db, { sharedLog: relay !== undefined }),
    );
    // Started means ready to store edits: wait for the log writer (the SQLite worker opens its database).
    await store.ready();
    // The rooms are the one source of presence: who has a document open is who is in its room.
    const presence = createPresenceReporter(services.bus, services.log);
    const manager = new RoomManager(
      store,
      options,
      {
        touch: (documentIds) => services.documents.touch(documentIds),
        edited: (documentId, now) => {
          services.search.edited(documentId, now);
          services.history.edited(documentId, now);
        },
        authored: (documentId, update, userId) => services.history.accepted(documentId, update, userId),
        log: services.log,
        presence,
      },
      relay,
    );
    const stopSharedBudgets = services.redis ? manager.budgets.shareAcrossInstances({ client: services.redis.pub, prefix: services.redis.prefix }) : undefined;
    // maxPayload: ws itself closes a socket that sends a bigger frame, with 1009.
    const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes });
    const heartbeat = startHeartbeat(options.heartbeatIntervalMs);
    const flow = new ReadFlow(() => wss.clients);
    store.onCongestion = (congested) => {
      flow.setPaused(congested);
      if (congested) services.log.warn({ backlog: options.backlogHighWater }, "collab writes far behind: reading paused until the disk catches up");
      else services.log.info("collab writes caught up: reading resumed");
    };
    // Sign-out, expiry and deletion end sockets through the access authority (services.access).
    const collabUpgrades = createUpgradeHandler(services, wss, manager, heartbeat, flow);
    upgrades.on(COLLAB_PATH_PREFIX, collabUpgrades.handle);
    // The same rooms over SSE + POST, for clients whose WebSocket cannot open.
    const httpTransport = registerHttpTransport(router, services, manager, { maxFrameBytes: options.maxFrameBytes });
    const unsubscribeAccess = followAccessChanges(services.bus, manager);

    const service: CollabService = {
      manager,
      store,
      readText: (documentId) => manager.read(documentId, (doc) => documentText(doc)),
      read: (documentId, read) => manager.read(documentId, read),
      edit: (documentId, change) => manager.edit(documentId, change),
      stats: () => manager.stats(),
    };
    registry.set(services, service);
    registerCollabMetrics(services.metrics, manager, relay);

    return {
      name: "collab",
      async close() {
        collabUpgrades.shutDown();
        httpTransport.shutDown();
        unsubscribeAccess();
        heartbeat.stop();
        stopSharedBudgets?.();
        await manager.close(); // closes peers with GoingAway, compacts, commits
        await presence.stop(); // after the rooms' last leaves: other instances drop our people now
        await relay?.stop();
        // Give the close handshakes a moment, then cut whatever is left.
        for (let waited = 0; wss.clients.size > 0 && waited < CLOSE_GRACE_MS; waited += 20) await sleep(20);
        for (const ws of wss.clients) ws.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      },
    };
  };
}

export const createCollabChannel: ChannelFactory = collabChannelWith();
