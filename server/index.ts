// Entry point: one Node process on one port serving Next.js pages, the JSON API and every realtime channel.
import next from "next";
import { loadConfig, ConfigError } from "./config";
import { startTandem } from "./app";
import { APP_ROOT } from "./appRoot";

async function main(): Promise<void> {
  let config;
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
  const nextApp = next({ dev, dir: APP_ROOT, hostname: "localhost", port: config.port });
  await nextApp.prepare();
  const handle = nextApp.getRequestHandler();
  const nextUpgrade = dev ? nextApp.getUpgradeHandler() : undefined;

  const tandem = await startTandem(config, {
    next: {
      request: (req, res) => handle(req, res),
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
