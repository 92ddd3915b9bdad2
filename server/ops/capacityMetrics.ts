// The capacity's counts on /metrics: open connections per kind beside their cap, and refusals.
import { CONNECTION_KINDS, type Capacity } from "./capacity";
import type { Metrics } from "./metrics";

const SNAKE: Record<(typeof CONNECTION_KINDS)[number], string> = {
  collabSockets: "collab_sockets",
  collabStreams: "collab_http_streams",
  eventStreams: "event_streams",
  realtimeSockets: "socketio_sockets",
};

export function registerCapacityMetrics(metrics: Metrics, capacity: Capacity): void {
  for (const kind of CONNECTION_KINDS) {
    metrics.gauge(`tandem_capacity_${SNAKE[kind]}_open`, `Connections counted against CAPACITY (${kind})`, () => capacity.counts()[kind]);
    metrics.gauge(`tandem_capacity_${SNAKE[kind]}_max`, `The cap of ${kind} on this instance`, () => capacity.limitOf(kind));
  }
  metrics.countOf("tandem_capacity_refused_full_total", "New connections refused with 503: their kind was at its cap", () => capacity.counts().refusedFull);
  metrics.countOf("tandem_capacity_refused_rate_total", "New connections refused with 503: over the admission rate", () => capacity.counts().refusedRate);
}
