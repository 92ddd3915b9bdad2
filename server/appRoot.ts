// The app's folder (package.json, next.config.js, prisma/, .next/), found by walking up from this
// module, so it is right whether the server runs from its sources (server/) under tsx or from the
// production bundle (dist/server/), and whatever the working directory is.
import fs from "node:fs";
import path from "node:path";

function findAppRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "next.config.js")) && fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`Tandem's app folder (the one with next.config.js) was not found above ${start}.`);
  }
}

export const APP_ROOT = findAppRoot(import.meta.dirname);
