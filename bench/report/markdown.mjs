// The results as Markdown tables: one column per server and Tandem's ratio to the best peer.
import { kbOrNoise, ratioText } from "../lib/noise.mjs";
import { clusterSection } from "./cluster.mjs";
const PEERS = ["hocuspocus", "y-websocket"];
const fmt = (v) =>
  v === null || v === undefined
    ? "–"
    : typeof v === "number"
      ? Math.abs(v) >= 100
        ? Math.round(v).toLocaleString("en-US")
        : String(Math.round(v * 100) / 100)
      : String(v);

/** rows: [label, better: "lower"|"higher"|null, pick(result) -> number] */
function table(results, targets, rows) {
  const head = `| metric | ${targets.join(" | ")} | Tandem ÷ best peer |`;
  const lines = [head, `| --- |${targets.map(() => " ---: |").join("")} ---: |`];
  for (const [label, better, pick] of rows) {
    const values = targets.map((t) => {
      const r = results?.[t];
      if (!r || r.error || r.skipped) return undefined;
      try {
        return pick(r);
      } catch {
        return undefined;
      }
    });
    const tandem = values[targets.indexOf("tandem")];
    const peers = PEERS.map((p) => values[targets.indexOf(p)]).filter((v) => typeof v === "number");
    const ratio = ratioText(tandem, peers, better);
    lines.push(`| ${label} | ${values.map(fmt).join(" | ")} | ${ratio} |`);
  }
  return lines.join("\n");
}

function notes(results, targets) {
  const out = [];
  for (const t of targets) {
    const r = results?.[t];
    if (r?.error) out.push(`- ${t}: failed — ${r.error.split("\n")[0]}`);
    if (r?.skipped) out.push(`- ${t}: skipped — ${r.skipped}`);
  }
  return out.length ? "\n\n" + out.join("\n") : "";
}

export function renderMarkdown(run) {
  const { meta, workloads: w } = run;
  const targets = meta.targets;
  const s = meta.sizes;
  const parts = [
    `# Benchmark results (${meta.profile})`,
    "",
    `Measured ${meta.date} with \`${meta.command}\` on ${meta.cpus} × ${meta.cpuModel}, Node ${meta.node}, load average at start ${meta.loadAverage.join(" / ")}.`,
    `Tandem ran as: ${meta.tandemMode}. Servers: ${meta.targetLabels.join("; ")}.`,
    "Numbers on a shared or busy machine are noisy; compare servers within one run, not across runs.",
  ];
  if (meta.skipped.length) parts.push("", ...meta.skipped.map((x) => `- Skipped ${x.target}: ${x.reason}`));
  if (w.fanout) {
    parts.push(
      "",
      `## 1. Fan-out latency`,
      `${s.fanout.docs} documents × ${s.fanout.clients} clients, one writer per document at ${s.fanout.rate} updates/s (${s.fanout.rate * s.fanout.docs} in all) for ${s.fanout.durationMs / 1000} s; send-to-apply at every other client.`,
      "",
    );
    parts.push(
      table(w.fanout, targets, [
        ["p50 (ms)", "lower", (r) => r.latencyMs.p50],
        ["p95 (ms)", "lower", (r) => r.latencyMs.p95],
        ["p99 (ms)", "lower", (r) => r.latencyMs.p99],
        ["deliveries measured", null, (r) => r.latencyMs.count],
        ["delivered / expected", "higher", (r) => r.deliveredRatio],
        ["server CPU per delivery (µs)", "lower", (r) => r.serverCpuUsPerDelivery],
        ["… of it the event loop's thread (µs)", "lower", (r) => r.serverMainThreadCpuUsPerDelivery],
        ["… of it other threads: GC, database (µs)", "lower", (r) => r.serverOtherThreadsCpuUsPerDelivery],
        ["database commits per second (Tandem)", null, (r) => r.commitsPerSecond],
      ]) + notes(w.fanout, targets),
    );
    parts.push("", "![latency distribution](latest-latency.svg)");
  }
  if (w.saturation) {
    parts.push(
      "",
      `## 2. Saturation`,
      `${s.saturation.docs} documents × ${s.saturation.clients} clients; the writers' rate grows ×${s.saturation.stepFactor ?? 2} each ${s.saturation.durationMs / 1000} s step until p99 > ${s.saturation.p99LimitMs} ms or deliveries drop.`,
      "",
    );
    // CPU per delivery at the highest rate every server sustained: what decides saturation on a
    // dedicated machine, and far less sensitive to a noisy neighbour than a p99 is.
    const topRate = (r) => Math.max(0, ...(r?.steps ?? []).filter((st) => st.ok).map((st) => st.ratePerWriter));
    const commonRate = Math.min(...targets.map((t) => topRate(w.saturation[t])));
    const cpuAtCommon = (r) => r.steps?.find((st) => st.ok && st.ratePerWriter === commonRate)?.serverCpuUsPerDelivery ?? null;
    parts.push(
      table(w.saturation, targets, [
        ["highest sustained updates/s", "higher", (r) => r.updatesPerSecond],
        ...(commonRate > 0
          ? [[`server CPU per delivery at ${commonRate * s.saturation.docs} updates/s, the highest all sustained (µs)`, "lower", cpuAtCommon]]
          : []),
        ["deliveries/s at that rate", "higher", (r) => r.deliveriesPerSecond],
        ["load generator ran out of steps first (1 = yes)", null, (r) => (r.reachedStepCap ? 1 : 0)],
      ]) + notes(w.saturation, targets),
    );
  }
  if (w.memory) {
    parts.push(
      "",
      `## 3. Memory (server RSS)`,
      `${s.memory.docs} documents with ${s.memory.updatesPerDoc} updates each, then idle clients spread over them.`,
      "",
    );
    const rows = [
      ["baseline RSS (MiB)", "lower", (r) => r.baselineRssBytes / 2 ** 20],
      ["per loaded document (KiB)", "lower", (r) => kbOrNoise(r.bytesPerLoadedDoc, r.loadedDocNoiseBytes, r.loadedDocBelowNoise)],
    ];
    s.memory.clientSteps.forEach((n, i) =>
      rows.push([
        `per idle client at ${n} clients (KiB)`,
        "lower",
        (r) => {
          const c = r.clients[i];
          return kbOrNoise(c.bytesPerIdleClient, c.noiseBytesPerIdleClient, c.belowNoise);
        },
      ]),
    );
    parts.push(table(w.memory, targets, rows) + notes(w.memory, targets));
  }
  if (w.coldload) {
    parts.push(
      "",
      `## 4. Cold load`,
      `A fresh client syncs a document with ${s.coldload.historyUpdates.toLocaleString("en-US")} updates of history (median of ${s.coldload.repeats}); "from disk" is the first sync after a graceful restart.`,
      "",
    );
    parts.push(
      table(w.coldload, targets, [
        ["sync while loaded, p50 (ms)", "lower", (r) => r.loadedMs.p50],
        ["first sync from disk (ms)", "lower", (r) => r.fromDiskMs],
        ["bytes received to sync", "lower", (r) => r.syncBytes],
        ["content identical (1 = yes)", null, (r) => (r.consistent && r.fromDiskConsistent !== false ? 1 : 0)],
      ]) + notes(w.coldload, targets),
    );
  }
  if (w.storm) {
    parts.push(
      "",
      `## 7. Reconnect storm`,
      `${s.storm.clients.toLocaleString("en-US")} clients over ${s.storm.docs} documents (${s.storm.updatesPerDoc} updates of history each) open their sockets at the same moment; each is timed from the open call to its first sync. "Cold": the documents were not loaded; "warm": right after, rooms still open. The clients share one access token; in the "own accounts" rows each Tandem client is an account of its own, a member of its document (the peers have no accounts: those rows repeat their figures).`,
      "",
    );
    parts.push(
      table(w.storm, targets, [
        ["cold: all synced (ms)", "lower", (r) => r.cold.totalMs],
        ["cold: sync p50 / client (ms)", "lower", (r) => r.cold.syncMs.p50],
        ["cold: sync p99 / client (ms)", "lower", (r) => r.cold.syncMs.p99],
        ["cold: server CPU (ms)", "lower", (r) => r.cold.serverCpuMs],
        ["warm: all synced (ms)", "lower", (r) => r.warm.totalMs],
        ["warm: sync p99 / client (ms)", "lower", (r) => r.warm.syncMs.p99],
        ["warm: server CPU (ms)", "lower", (r) => r.warm.serverCpuMs],
        // Tandem with an account per client; the peers have no accounts, so their own storm stands beside it.
        ["own accounts, cold: all synced (ms)", "lower", (r) => (r.distinctAccounts ?? r).cold.totalMs],
        ["own accounts, cold: server CPU (ms)", "lower", (r) => (r.distinctAccounts ?? r).cold.serverCpuMs],
        ["own accounts, warm: all synced (ms)", "lower", (r) => (r.distinctAccounts ?? r).warm.totalMs],
        ["own accounts, warm: server CPU (ms)", "lower", (r) => (r.distinctAccounts ?? r).warm.serverCpuMs],
        [
          "clients that failed",
          null,
          (r) => r.cold.failed + r.warm.failed + (r.distinctAccounts ? r.distinctAccounts.cold.failed + r.distinctAccounts.warm.failed : 0),
        ],
      ]) + notes(w.storm, targets),
    );
  }
  if (w.durability) {
    parts.push(
      "",
      `## 5. Durability`,
      `Numbered edits streamed as fast as the socket drains for ${s.durability.streamMs / 1000} s, then \`kill -9\`; restart on the same data. "Acknowledged" = already relayed by the server to another client.`,
      "",
    );
    parts.push(
      table(w.durability, targets, [
        ["edits sent/s", "higher", (r) => r.sentPerSecond],
        ["edits on disk after kill, per s of streaming", "higher", (r) => r.durablePerSecond],
        ["acknowledged edits", null, (r) => r.acknowledged],
        ["acknowledged edits lost", "lower", (r) => r.lostAcknowledged],
        ["share of acknowledged edits lost", "lower", (r) => r.lostAcknowledgedRatio],
      ]) + notes(w.durability, targets),
    );
    const acks = w.durability.tandem?.ackTrials;
    if (acks) {
      parts.push(
        "",
        `Durable acknowledgements (Tandem, \`?ack=1\`): ${acks.trials} trials, each a client typing as fast as the socket drains into a fresh document, \`kill -9\` at a random moment ${acks.killAfterMsMin}–${acks.killAfterMsMax} ms into the typing, restart on the same data. "Acknowledged" = the server said the edit is stored.`,
        "",
        "| kill -9 trials | edits sent | acknowledged as stored | acknowledged, then missing after restart | trials with a loss |",
        "| ---: | ---: | ---: | ---: | ---: |",
        `| ${acks.trials} | ${acks.sent} | ${acks.acknowledged} | ${acks.lostAcknowledged} | ${acks.trialsWithLoss} |`,
      );
    }
  }
  if (w.broadcast) {
    const kinds = Object.keys(w.broadcast);
    parts.push(
      "",
      `## 6. Announcement broadcast: SSE vs WebSocket vs socket.io`,
      `Minimal servers in \`bench/broadcast/\` and Tandem's own \`GET /api/events\` (signed-in streams, audience check, replay ring; \`bench/broadcast/tandem.mjs\`); ${s.broadcast.messages} announcements per size; latency from the server's send call to arrival, for Tandem from just before the administrator's POST (request, validation and database write included). Server CPU is read from /proc in 10 ms clock ticks: a median of 0 means below one tick.`,
      "",
    );
    const lines = [`| metric | ${kinds.join(" | ")} |`, `| --- |${kinds.map(() => " ---: |").join("")}`];
    const row = (label, pick) =>
      lines.push(
        `| ${label} | ${kinds
          .map((k) => {
            try {
              return fmt(w.broadcast[k].error ? undefined : pick(w.broadcast[k]));
            } catch {
              return "–";
            }
          })
          .join(" | ")} |`,
      );
    s.broadcast.sizes.forEach((n, i) => {
      row(`N=${n}: server memory per connection (KiB)`, (r) => kbOrNoise(r.at[i].bytesPerConnection, r.at[i].noiseBytesPerConnection, r.at[i].belowNoise));
      row(`N=${n}: bytes on the wire per message and client`, (r) => r.at[i].bytesPerMessagePerClient);
      row(`N=${n}: delivery p50 (ms)`, (r) => r.at[i].latencyMs.p50);
      row(`N=${n}: delivery p99 (ms)`, (r) => r.at[i].latencyMs.p99);
      row(`N=${n}: server CPU per announcement, median (ms)`, (r) => r.at[i].serverCpuMsPerMessage?.p50);
      row(`N=${n}: delivered / expected`, (r) => r.at[i].delivered / r.at[i].expected);
    });
    row("most clients held (stopped by)", (r) => `${r.maxHeld.clients} (${r.maxHeld.stoppedBy}, cap ${r.maxHeld.cap})`);
    parts.push(lines.join("\n"));
    for (const k of kinds) if (w.broadcast[k].error) parts.push(`- ${k}: failed — ${w.broadcast[k].error.split("\n")[0]}`);
    parts.push("", "![broadcast latency](latest-broadcast.svg)");
  }
  if (w.cluster) parts.push(...clusterSection(w.cluster));
  return parts.join("\n") + "\n";
}
