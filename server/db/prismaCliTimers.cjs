// Preloaded into the Prisma CLI child that `migrate.ts` runs (node --require).
// On PostgreSQL, Prisma's WebAssembly schema engine starts a 10 s timer that it never clears, so
// `migrate deploy` sat idle for 10 s after "All migrations have been successfully applied" before the
// process could exit (measured: 11.5 s per deploy, 1.5 s of it work; 2 s with this and the pool's
// allowExitOnIdle in postgresCli.ts, each alone still 11 s). Unref'ing the engine's timers lets
// the process end when its real work (open sockets, pending queries) is done; a timer still fires while
// anything else keeps the process alive. migrate.ts also requires the CLI's success line, so an exit
// with work unfinished can never pass for a migrated database.
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = function setTimeoutUnrefFromWasm(callback, ms, ...args) {
  const timer = originalSetTimeout.call(this, callback, ms, ...args);
  if (new Error().stack?.includes("wasm://")) timer.unref?.();
  return timer;
};
