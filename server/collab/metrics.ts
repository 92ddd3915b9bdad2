// What the collab channel exports on /metrics, in one table read from the numbers its parts keep:
// RoomManager.stats() (rooms, peers, and the store's counts) and the Redis relay's stats. Levels are
// gauges, counts since start are counters; the names are the ones dashboards already use.
import type { Metrics } from "../ops/metrics";
import type { RoomManager } from "./RoomManager";
import type { RelayStats } from "./RoomRelay";

type CollabStats = ReturnType<RoomManager["stats"]>;
type Exported<S> = { name: string; help: string; kind: "level" | "count"; read(stats: S): number };

const COLLAB: Exported<CollabStats>[] = [
  { name: "tandem_collab_rooms", kind: "level", help: "Documents open in memory on this instance", read: (s) => s.rooms },
  { name: "tandem_collab_connections", kind: "level", help: "Collab WebSocket peers on this instance", read: (s) => s.peers },
  { name: "tandem_collab_compactions", kind: "count", help: "Log compactions since start", read: (s) => s.store.compactions },
  { name: "tandem_collab_write_errors", kind: "count", help: "Failed collab store writes since start", read: (s) => s.store.writeErrors },
  {
    name: "tandem_collab_write_congestions",
    kind: "count",
    help: "Times reading paused because the update log fell far behind",
    read: (s) => s.store.congestions,
  },
  {
    name: "tandem_collab_updates_refused",
    kind: "count",
    help: "Peer updates refused: did not decode, would not apply whole, or left structs waiting",
    read: (s) => s.refusedUpdates,
  },
  {
    name: "tandem_collab_room_reloads",
    kind: "count",
    help: "Rooms reloaded from storage after an update broke their copy in memory",
    read: (s) => s.reloads,
  },
  {
    name: "tandem_collab_quarantined",
    kind: "count",
    help: "Stored parts set aside (QuarantinedUpdate) because they failed to load",
    read: (s) => s.store.quarantined,
  },
  {
    name: "tandem_collab_throttled",
    kind: "count",
    help: "Times a connection's reading was paused for sending past its budget",
    read: (s) => s.throttled,
  },
  {
    name: "tandem_collab_readonly_updates_dropped",
    kind: "count",
    help: "Document changes sent by read-only peers and dropped, since start",
    read: (s) => s.droppedReadOnlyUpdates,
  },
];

const RELAY: Exported<RelayStats>[] = [
  {
    name: "tandem_collab_relay_rejected_total",
    kind: "count",
    help: "Messages from other instances (Redis) that could not be applied",
    read: (s) => s.rejected,
  },
  {
    name: "tandem_collab_relay_publish_errors_total",
    kind: "count",
    help: "Publishes to Redis that failed (other instances catch up at the next state exchange)",
    read: (s) => s.publishErrors,
  },
  {
    name: "tandem_collab_relay_subscription_errors_total",
    kind: "count",
    help: "Redis subscribes and unsubscribes that failed",
    read: (s) => s.subscriptionErrors,
  },
];

function register<S>(metrics: Metrics, table: Exported<S>[], stats: () => S): void {
  for (const { name, help, kind, read } of table) {
    if (kind === "level") metrics.gauge(name, help, () => read(stats()));
    else metrics.countOf(name, help, () => read(stats()));
  }
}

/** Told about every committed batch: the group commit's batch size and latency histograms. */
export function collabBatchMetrics(metrics: Metrics): (updates: number, latencyMs: number) => void {
  const size = metrics.histogram("tandem_collab_commit_batch_updates", "Yjs updates per group-commit INSERT", [1, 2, 5, 10, 25, 50, 100, 256]);
  const latency = metrics.histogram(
    "tandem_collab_commit_latency_seconds",
    "From an accepted update arriving to its batch being committed",
    [0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
  );
  return (updates, latencyMs) => {
    size.observe(updates);
    latency.observe(latencyMs / 1000);
  };
}

/** The rooms' and the store's numbers, and the relay's when this instance has one (hosted mode). */
export function registerCollabMetrics(metrics: Metrics, manager: RoomManager, relay?: { readonly stats: RelayStats }): void {
  register(metrics, COLLAB, () => manager.stats());
  if (relay) register(metrics, RELAY, () => relay.stats);
}
