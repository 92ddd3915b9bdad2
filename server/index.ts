// Entry point: one Node process on one port serving Next.js pages, the JSON API and every realtime channel.
import next from "next";
import { loadConfig, ConfigError, type Config } from "./config";
import { startTandem } from "./app";
import { APP_ROOT } from "./appRoot";
import { setPageSecurityHeaders } from "./http/securityHeaders";
import { hasMalformedEscape } from "./http/router";
import { readBuildId } from "./events/buildId";

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const dev = process.argv.includes("--dev") || config.dev;
  // The pages register the offline service worker under this build's id (app/layout.tsx); none in development.
  if (dev) delete process.env.TANDEM_BUILD_ID;
  else process.env.TANDEM_BUILD_ID = readBuildId(APP_ROOT);
  const nextApp = next({ dev, dir: APP_ROOT, hostname: "localhost", port: config.port });
  await nextApp.prepare();
  const handle = nextApp.getRequestHandler();
  const nextUpgrade = dev ? nextApp.getUpgradeHandler() : undefined;

  const tandem = await startTandem(config, {
    next: {
      // Pages get their own policy, with a nonce Next puts on its inline scripts.
      request: async (req, res) => {
        setPageSecurityHeaders(req, res, config);
        // Next answers a path like /documents/%ZZ with a 500; it is the link that is wrong.
        if (hasMalformedEscape((req.url ?? "/").split("?")[0])) {
          res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
          return void res.end("This address contains a malformed %-escape. Check the link and try again.\n");
        }
        return handle(req, res);
      },
      upgrade: nextUpgrade ? (req, socket, head) => void nextUpgrade(req, socket, head) : undefined,
    },
  });
  tandem.services.log.info({ url: tandem.url, database: config.databaseKind, dataDir: config.dataDir }, "Tandem is ready");
  console.log(`Tandem is ready at ${config.publicUrl?.origin ?? tandem.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    tandem.services.log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), config.shutdownDrainMs + 10_000);
    force.unref();
    await tandem.close();
    await nextApp.close?.();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((e) => {
  console.error("Tandem could not start:", e instanceof Error ? e.message : e);
  process.exit(1);
});
