// Runs a Tandem server (no Next pages) as its own process, for tests that kill it: `node --import tsx
// test/collab/serverProcess.ts` with DATA_DIR set; prints `READY <url>` once listening.
import { loadConfig } from "../../server/config";
import { startTandem } from "../../server/app";

const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", ...process.env });
const tandem = await startTandem(config);
console.log(`READY ${tandem.url}`);
process.on("SIGTERM", () => void tandem.close().then(() => process.exit(0)));
