// Prometheus view of the collab channel: rooms and peers now, and how group commit behaves.
import type { Metrics } from "../ops/metrics";
import type { RoomManager } from "./RoomManager";

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

export function registerCollabGauges(metrics: Metrics, manager: RoomManager): void {
  metrics.gauge("tandem_collab_rooms", "Documents open in memory on this instance", () => manager.stats().rooms);
  metrics.gauge("tandem_collab_connections", "Collab WebSocket peers on this instance", () => manager.stats().peers);
  metrics.gauge("tandem_collab_compactions", "Log compactions since start", () => manager.stats().store.compactions);
  metrics.gauge("tandem_collab_write_errors", "Failed collab store writes since start", () => manager.stats().store.writeErrors);
  metrics.gauge("tandem_collab_write_congestions", "Times reading paused because the update log fell far behind", () => manager.stats().store.congestions);
  metrics.gauge("tandem_collab_updates_refused", "Peer updates refused: did not decode, would not apply whole, or left structs waiting", () => manager.stats().refusedUpdates);
  metrics.gauge("tandem_collab_room_reloads", "Rooms reloaded from storage after an update broke their copy in memory", () => manager.stats().reloads);
  metrics.gauge("tandem_collab_quarantined", "Stored parts set aside (QuarantinedUpdate) because they failed to load", () => manager.stats().store.quarantined);
  metrics.gauge("tandem_collab_throttled", "Times a connection's reading was paused for sending past its budget", () => manager.stats().throttled);
  metrics.gauge(
    "tandem_collab_readonly_updates_dropped",
    "Document changes sent by read-only peers and dropped, since start",
    () => manager.stats().droppedReadOnlyUpdates,
  );
}
