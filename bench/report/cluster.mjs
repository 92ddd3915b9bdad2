// The cluster workload's section of the Markdown report (bench/workloads/cluster.mjs).
const ms = (v) => (v === null || v === undefined ? "–" : Math.round(v).toLocaleString("en-US"));
const kinds = (counts) =>
  Object.keys(counts ?? {}).length
    ? Object.entries(counts)
        .map(([k, v]) => `${k}: ${v}`)
        .join(", ")
    : "none";

export function clusterSection(c) {
  if (c.error) return ["", "## 8. Cluster failover", `- failed — ${c.error.split("\n")[0]}`];
  const row = (label, r) =>
    `| ${label} | ${r.clients.toLocaleString("en-US")} | ${ms(r.fromKillMs.p50)} | ${ms(r.fromKillMs.p99)} | ${ms(r.fromKillMs.max)} | ${ms(r.fromLossMs.p50)} |`;
  return [
    "",
    "## 8. Cluster failover",
    `Three Tandem instances (PostgreSQL + Redis) behind nginx on loopback; ${c.streams.toLocaleString("en-US")} event streams and ${c.editors.toLocaleString("en-US")} editors over ${c.docs} documents (each typing every ${c.typeEveryMs / 1000} s, durable acknowledgements on); one instance killed with SIGKILL between ${c.announcements} announcements. Times from the kill to each of its clients being served again elsewhere (an editor: synced; a stream: its first bytes).`,
    "",
    "| clients of the killed instance | count | back p50 (ms) | p99 (ms) | max (ms) | away p50, from own loss (ms) |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    row("event streams", c.streamRecovery),
    row("editors", c.editorRecovery),
    "",
    `- Everyone served again ${ms(c.allServedAgainMs)} ms after the kill; other clients that lost their connection: ${c.otherOutages}.`,
    `- Errors clients saw while coming back: ${kinds(c.clientErrors)}; the publisher: ${kinds(c.publisherErrors)}; nginx's error log: ${kinds(c.nginxErrors)}.`,
    `- Announcements: ${c.delivery.missing} missing, ${c.delivery.duplicates} duplicated over all streams.`,
    `- Edits: ${c.edits.typed} typed, ${c.edits.acknowledged} acknowledged as stored; missing afterwards: ${c.edits.lostAcknowledged} acknowledged, ${c.edits.lostTyped} typed; editors whose document differs from a fresh read: ${c.edits.editorsDiverged}.`,
  ];
}
