// Which build of Tandem this server runs, so open pages can tell when a new one was deployed.
import fs from "node:fs";
import path from "node:path";
import { APP_ROOT } from "../appRoot";

/** Used when there is no Next build (tests, API-only runs). */
export const FALLBACK_BUILD_ID = "development";

export function readBuildId(dir = APP_ROOT): string {
  try {
    const id = fs.readFileSync(path.join(dir, ".next", "BUILD_ID"), "utf8").trim();
    return id && id.length <= 200 ? id : FALLBACK_BUILD_ID;
  } catch {
    return FALLBACK_BUILD_ID;
  }
}
