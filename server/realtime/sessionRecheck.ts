// The periodic re-check of live credentials moved to the access authority, which now runs it for
// every channel (server/access/liveAccess.ts). Kept as an alias for the tests that name it here.
export { SESSION_RECHECK_MS } from "../access/liveAccess";
