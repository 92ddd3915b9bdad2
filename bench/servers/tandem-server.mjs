// Tandem without Next pages (used when there is no production build in .next): the same
// startTandem() the real entry point calls, with configuration from the environment.
import { loadConfig } from "../../server/config.ts";
import { startTandem } from "../../server/app.ts";

const tandem = await startTandem(loadConfig());
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => void tandem.close().finally(() => process.exit(0)));
}
