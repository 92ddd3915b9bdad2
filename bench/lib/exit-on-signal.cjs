// Preloaded into a peer server when it is profiled (BENCH_PEER_NODE_ARGS="--require
// ./lib/exit-on-signal.cjs --cpu-prof …"): y-websocket's server has no SIGTERM handler, so it died
// without writing its --cpu-prof profile; an orderly exit writes it.
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0));
