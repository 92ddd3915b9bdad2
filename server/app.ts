// Assembles Tandem: services, the JSON API, the realtime channels and (optionally) Next.js pages,
// all on one HTTP server. Used by server/index.ts and by the tests (which start it without Next).
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "./config";
import { createDb } from "./db/client";
import { migrateDatabase } from "./db/migrate";
import { LocalEventBus, type EventBus } from "./bus/bus";
import { RedisEventBus } from "./bus/redisBus";
import { Auth } from "./auth/auth";
import { Documents } from "./domain/documents";
import { InheritedAccess } from "./domain/inheritedAccess";
import { Pages } from "./domain/pages";
import { registerPageRoutes } from "./api/pageRoutes";
import { Trash } from "./domain/trash";
import { startTrashPurger } from "./domain/trashPurger";
import { Comments } from "./domain/comments";
import { Notifications } from "./domain/notifications";
import { AnnouncementService } from "./events/announcementService";
import { registerAnnouncementRoutes } from "./events/routes";
import { registerAnnouncementFeedRoutes } from "./events/feedRoutes";
import { registerUnsubscribeRoutes } from "./api/unsubscribeRoutes";
import { createLogger, type Logger } from "./log";
import { Metrics } from "./ops/metrics";
import { Capacity } from "./ops/capacity";
import { registerCapacityMetrics } from "./ops/capacityMetrics";
import { LiveAccess } from "./access/liveAccess";
import { Router, sendError, sendJson, type RouteContext } from "./http/router";
import { UpgradeRouter, type UpgradeHandler } from "./http/upgrade";
import { originRefusal } from "./http/origin";
import { setBaseSecurityHeaders } from "./http/securityHeaders";
import { closeWithoutCutting } from "./http/closeWithoutCutting";
import { ApiError } from "./http/errors";
import { registerAuthRoutes } from "./api/authRoutes";
import { registerDocumentRoutes } from "./api/documentRoutes";
import { registerSearchRoutes } from "./api/searchRoutes";
import { registerTrashRoutes } from "./api/trashRoutes";
import { registerShareLinkRoutes } from "./api/shareLinkRoutes";
import { ShareLinks } from "./domain/shareLinks";
import { LinkCredentials } from "./auth/linkCredential";
import { LinkSecrets } from "./auth/linkTokens";
import { registerExchangeRoutes } from "./api/exchangeRoutes";
import { registerHistoryRoutes } from "./api/historyRoutes";
import { History } from "./history/history";
import { startHistoryPruner } from "./history/historyPruner";
import { registerImageRoutes } from "./api/imageRoutes";
import { registerPeopleRoutes } from "./api/peopleRoutes";
import { registerInvitationRoutes } from "./api/invitationRoutes";
import { registerShortcutRoutes } from "./api/shortcutRoutes";
import { registerAccountRoutes } from "./api/accountRoutes";
import { Shortcuts } from "./domain/shortcuts";
import { Images } from "./domain/images";
import { forgetChangedLookups } from "./access/recentLookups";
import { Account } from "./auth/account";
import { PasswordResets } from "./auth/passwordResets";
import { EmailChanges } from "./auth/emailChanges";
import { createMailer } from "./mail/mailer";
import { People } from "./domain/people";
import { Invitations } from "./domain/invitations";
import { SearchService } from "./search/searchService";
import { createSearchIndex } from "./search/searchIndex";
import { collabTextSource } from "./search/textSource";
import { collabOf } from "./collab/collabChannel";
import type { RedisLink, Services } from "./services";
import type { Channel, ChannelFactory } from "./channel";
import { channelFactories } from "./channels";
import { markLinkLanding } from "./http/linkLanding";

export type NextHandlers = {
  request: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
  upgrade?: UpgradeHandler;
};

export type Tandem = {
  services: Services;
  httpServer: http.Server;
  url: string;
  close(): Promise<void>;
};

/** Connections the kernel may queue before this process accepts them (see the listen call). */
export const LISTEN_BACKLOG = 8192;

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export async function startTandem(config: Config, options: { next?: NextHandlers; bus?: EventBus; channels?: ChannelFactory[] } = {}): Promise<Tandem> {
  const log = createLogger(config.logLevel);
  await migrateDatabase(config);
  const db = await createDb(config, log);
  const { bus, redis } = options.bus ? { bus: options.bus, redis: undefined } : await connectBus(config, log);
  // Sign-in limits count in Redis when there is one, on the bus' command connection (not a subscriber).
  const auth = new Auth(db, config, redis?.pub);
  const metrics = new Metrics();
  const capacity = new Capacity(config.capacity);
  registerCapacityMetrics(metrics, capacity);
  const inherited = new InheritedAccess(db, bus, config.databaseKind);
  const documents = new Documents(db, bus, inherited);
  // Before the access authority and every channel subscribe: remembered answers are forgotten first.
  const stopForgetting = forgetChangedLookups(bus, auth, documents);
  // The share links are made below; the access authority asks them only once connections exist.
  const access = new LiveAccess({
    db,
    bus,
    log,
    metrics,
    linkOpens: (link, documentId) => shareLinks.opens(link, documentId),
    readLinkPages: (link) => shareLinks.pageList(link.documentId),
  });
  const trash = new Trash(db, bus, inherited);
  const pages = new Pages(db, bus, documents, inherited);
  const notifications = new Notifications(db, bus);
  const comments = new Comments(db, bus, documents, notifications, log);
  // Reads text from the collab channel once it runs (channels start below, after the services).
  const search = new SearchService({ db, bus, log, index: createSearchIndex(db, config.databaseKind), text: collabTextSource(() => collabOf(services)) });
  // Versions read and edit documents through the collab channel too; the rooms tell it of edits.
  const history = new History({ db, databaseKind: config.databaseKind, log, documents, bus, collab: () => collabOf(services) }, config.history);
  const mailer = createMailer(config, log);
  const announcements = new AnnouncementService(db, bus, {
    log,
    mailer,
    sessionSecret: config.sessionSecret,
    databaseKind: config.databaseKind,
    seenFlushMs: config.announcementSeenFlushMs,
    reminderEmailCooldownMs: config.reminderEmailCooldownMs,
  });
  const people = new People(db, bus, log, config.databaseKind);
  const invitations = new Invitations({ db, documents, mailer, log, sessionSecret: config.sessionSecret });
  const shareLinks = new ShareLinks(db, bus, documents, new LinkSecrets(config.sessionSecret));
  const links = new LinkCredentials(shareLinks, config, redis?.pub);
  const shortcuts = new Shortcuts(db, documents, bus);
  // Uploads and imports count against one allowance, shared in Redis like the sign-in limiter.
  const images = new Images(db, documents, config.imageMaxBytes, redis && { client: redis.pub, prefix: redis.prefix });
  const account = new Account(db, bus, auth);
  const passwordResets = new PasswordResets({ db, auth, account, mailer, log, sessionSecret: config.sessionSecret });
  const emailChanges = new EmailChanges({ db, account, throttle: auth.throttle, mailer, log, sessionSecret: config.sessionSecret });
  const services: Services = {
    config,
    db,
    bus,
    redis,
    auth,
    documents,
    trash,
    pages,
    comments,
    notifications,
    announcements,
    log,
    metrics,
    access,
    search,
    history,
    mailer,
    people,
    invitations,
    images,
    shareLinks,
    links,
    shortcuts,
    account,
    passwordResets,
    capacity,
    emailChanges,
  };

  const router = new Router();
  registerAuthRoutes(router, services);
  registerDocumentRoutes(router, services);
  registerPageRoutes(router, services);
  registerSearchRoutes(router, services);
  registerTrashRoutes(router, services);
  registerShareLinkRoutes(router, services);
  registerExchangeRoutes(router, services);
  registerHistoryRoutes(router, services);
  registerImageRoutes(router, services);
  registerPeopleRoutes(router, services);
  registerInvitationRoutes(router, services);
  registerShortcutRoutes(router, services);
  registerAccountRoutes(router, services);
  registerAnnouncementRoutes(router, services);
  registerAnnouncementFeedRoutes(router, services);
  registerUnsubscribeRoutes(router, services);
  const upgrades = new UpgradeRouter();

  // Whatever throws while answering (our code, a handler, Next), the request ends in an answer or a
  // closed socket: an unanswered one holds its descriptor for as long as the client waits.
  const httpServer = http.createServer((req, res) => handleRequest(req, res).catch((error) => lastResort(res, error)));
  // Idle keep-alive connections stay open longer than a proxy's or client's own idle timeout (nginx,
  // load balancers: 60 s). With Node's 5 s default, a client reusing a connection at the moment the
  // server dropped it got ECONNRESET on a perfectly good request (seen in the e2e run).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000; // must exceed keepAliveTimeout
  httpServer.on("upgrade", (req, socket, head) => upgrades.handle(req, socket, head, options.next?.upgrade));
  const port = closeWithoutCutting(httpServer);

  async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
    } catch {
      return sendError(res, new ApiError("invalid_input", "Bad request URL."), () => {});
    }
    // One id per request, taken from the proxy when it sent one, echoed back and on every log line.
    const headerId = req.headers["x-request-id"];
    const requestId = typeof headerId === "string" && /^[\w.-]{1,64}$/.test(headerId) ? headerId : crypto.randomUUID();
    res.setHeader("X-Request-Id", requestId);
    let match: ReturnType<Router["match"]>;
    let badPath: unknown; // a malformed %-escape in a route's parameter: 400, answered below
    try {
      match = router.match(req.method ?? "GET", url.pathname);
    } catch (error) {
      badPath = error;
    }
    if (badPath === undefined && match === undefined && !url.pathname.startsWith("/api/")) {
      if (options.next) {
        const landing = markLinkLanding(req, url.pathname, services.links);
        if (landing) await landing;
        return options.next.request(req, res);
      }
      return sendError(res, new ApiError("not_found", "Not found."), () => {});
    }
    const started = performance.now();
    // Paths only: ids in them are not secrets, query strings (tokens) are never logged.
    res.once("finish", () =>
      log.info({ requestId, method: req.method, path: url.pathname, status: res.statusCode, ms: Math.round(performance.now() - started) }, "request"),
    );
    try {
      if (badPath !== undefined) throw badPath;
      if (match === undefined) throw new ApiError("not_found", "No such API endpoint.");
      if (match === "method") throw new ApiError("not_found", `${req.method} is not supported here.`);
      const refusal = STATE_CHANGING.has(req.method ?? "") ? originRefusal(req, config) : null;
      if (refusal) throw new ApiError("forbidden", refusal);
      const ctx: RouteContext = { req, res, params: match.params, url };
      const reply = await match.handler(ctx);
      if (res.headersSent || res.writableEnded) return; // the handler streamed its own response (SSE)
      sendJson(res, reply?.status ?? 200, reply?.body, reply?.headers);
    } catch (error) {
      if (res.headersSent) return void res.destroy();
      sendError(res, error, (e) => log.error({ err: e, requestId, path: url.pathname }, "request failed"));
    }
  }

  function lastResort(res: http.ServerResponse, error: unknown): void {
    log.error({ err: error }, "request failed outside its handler");
    try {
      if (res.headersSent) res.destroy();
      else sendError(res, error, () => {});
    } catch {
      res.destroy();
    }
  }

  const channels: Channel[] = [];
  for (const factory of options.channels ?? channelFactories) {
    channels.push(await factory({ services, router, upgrades, httpServer }));
  }
  // Prepended after the channels attached, so it runs first for every request, including the ones
  // engine.io (socket.io's polling) answers without calling handleRequest.
  httpServer.prependListener("request", (_req, res) => setBaseSecurityHeaders(res, config));
  search.start();
  const stopTrashPurger = startTrashPurger(trash, log);
  const stopHistoryPruner = startHistoryPruner(history, log);

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    // A deep accept queue: when a sibling instance dies, its clients arrive here at once, through the
    // proxy, while this loop is busy; Node's default of 511 overflowed and the kernel dropped or reset
    // them, which nginx counted as failures of a healthy instance (bench/workloads/cluster.mjs).
    // The kernel caps it at net.core.somaxconn.
    httpServer.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host === "0.0.0.0" ? "localhost" : host}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    services,
    httpServer,
    url,
    close() {
      closing ??= (async () => {
        // Not ready any more, but still serving for the drain period; then let each channel flush and
        // say goodbye, stop accepting, then the data layer.
        for (const channel of channels) channel.drain?.();
        if (config.shutdownDrainMs > 0) {
          log.info({ drainMs: config.shutdownDrainMs }, "draining: /readyz answers 503 before connections close");
          await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
        }
        // Edits still waiting to be indexed are read while the rooms are still open.
        await search.close().catch((e) => log.error(e, "search close failed"));
        // Automatic versions still waiting are made now, while the rooms are open.
        await history.close().catch((e) => log.error(e, "history close failed"));
        stopTrashPurger();
        stopHistoryPruner();
        // The channels close while the port still listens: a connection arriving meanwhile is told
        // "restarting" (collab 1001, an event stream `retry:`) instead of being reset (1006) or refused.
        for (const channel of channels.reverse()) await channel.close().catch((e) => log.error(e, "channel close failed"));
        await port.close();
        access.stop();
        stopForgetting();
        await bus.close();
        mailer.close();
        await db.$disconnect();
      })();
      return closing;
    },
  };
}

/** The bus, and with REDIS_URL its Redis connections, which other parts use directly (Services.redis). */
async function connectBus(config: Config, log: Logger): Promise<{ bus: EventBus; redis?: RedisLink }> {
  if (!config.redisUrl) return { bus: new LocalEventBus() };
  const bus = await RedisEventBus.connect(config.redisUrl, config.redisPrefix);
  bus.onError = (err) => log.warn({ err: err.message }, "Redis unreachable; retrying");
  return { bus, redis: { ...bus.redis, prefix: bus.prefix, ping: () => bus.ping() } };
}
