// Operations endpoints served by the Node server itself: /healthz, /readyz, /metrics.
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { ChannelFactory } from "../channel";
import { checkMetricsAccess } from "./metricsAccess";

export const createOpsChannel: ChannelFactory = ({ services, router }) => {
  let shuttingDown = false;
  const lag = monitorEventLoopDelay({ resolution: 20 });
  lag.enable();
  const lagTimer = setInterval(() => {
    services.metrics.eventLoopLag.set(lag.mean / 1e9);
    lag.reset();
  }, 500);
  lagTimer.unref();

  router.on("GET", "/healthz", () => ({ body: { ok: true } }));

  router.on("GET", "/readyz", async () => {
    if (shuttingDown) return { status: 503, body: { ok: false, reason: "shutting down" } };
    try {
      await services.db.$queryRawUnsafe("SELECT 1");
    } catch {
      return { status: 503, body: { ok: false, reason: "database unreachable" } };
    }
    if (services.redis && !(await services.redis.ping())) {
      return { status: 503, body: { ok: false, reason: "redis unreachable" } };
    }
    return { body: { ok: true } };
  });

  router.on("GET", "/metrics", async ({ req, res }) => {
    checkMetricsAccess(req, services.config);
    res.writeHead(200, { "Content-Type": services.metrics.registry.contentType });
    res.end(await services.metrics.registry.metrics());
  });

  return {
    name: "ops",
    drain() {
      shuttingDown = true; // /readyz: 503, so a load balancer stops sending new clients here
    },
    async close() {
      shuttingDown = true;
      clearInterval(lagTimer);
      lag.disable();
    },
  };
};
