// Workload 8: hosted at scale. Three Tandem instances (PostgreSQL + Redis) behind nginx on loopback
// (bench/cluster/deployment.mjs); S event streams and E editors over D documents connect through
// nginx; while the editors type (durable acknowledgements on) and announcements are published, one
// instance is killed with SIGKILL. Measured: how long until each of its clients is served again
// elsewhere (from the kill, and from the client's own loss), the errors clients saw on the way by
// kind, whether any acknowledged (or merely typed) edit is missing once everyone has settled, whether
// every editor of a document ends with the same text, and whether every stream received every
// announcement exactly once across its resume with Last-Event-ID (the shared Redis event log).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { summarize } from "../lib/stats.mjs";
import { startWorkers } from "../lib/workers.mjs";
import { YClient } from "../lib/yclient.mjs";
import { ADMIN_EMAIL, NGINX_WORKERS, openFileLimits, startDeployment } from "../cluster/deployment.mjs";
import { signup } from "../lib/tandemAccounts.mjs";

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "cluster", "client-worker.mjs");
const epoch = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sum = (parts, key) => parts.reduce((n, p) => n + p[key], 0);
async function post(base, cookie, p, body) {
  const res = await fetch(base + p, { method: "POST", headers: { "content-type": "application/json", cookie, origin: base }, body: JSON.stringify(body) });
  return { status: res.status, body: res.status < 300 ? await res.json() : await res.text() };
}

function addCounts(into, from) {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
  return into;
}

/** Every editor's tokens 1..acked (and 1..sent) must be in the document a fresh client reads. */
async function verifyEdits(endpoints, editors) {
  let lostAcknowledged = 0;
  let lostTyped = 0;
  let diverged = 0;
  let acknowledged = 0;
  let typed = 0;
  for (const endpoint of endpoints) {
    const reader = new YClient(endpoint).connect();
    await reader.synced;
    const text = reader.doc.getText("t").toString();
    reader.close();
    const present = new Map();
    for (const m of text.matchAll(/\[e(\d+):(\d+)\]/g)) {
      const set = present.get(Number(m[1])) ?? new Set();
      set.add(Number(m[2]));
      present.set(Number(m[1]), set);
    }
    const { createHash } = await import("node:crypto");
    const hash = createHash("sha1").update(text).digest("hex");
    for (const e of editors.filter((x) => x.docName === endpoint.docName)) {
      const mine = present.get(e.id) ?? new Set();
      for (let n = 1; n <= e.sent; n++) {
        if (mine.has(n)) continue;
        lostTyped++;
        if (n <= e.acked) lostAcknowledged++;
      }
      acknowledged += e.acked;
      typed += e.sent;
      if (e.hash !== hash) diverged++;
    }
  }
  return { typed, acknowledged, lostAcknowledged, lostTyped, editorsDiverged: diverged };
}

export async function cluster(options = {}, log = console.log) {
  const env = process.env;
  const streams = Number(env.BENCH_CLUSTER_STREAMS ?? options.streams ?? 10_000);
  const editors = Number(env.BENCH_CLUSTER_EDITORS ?? options.editors ?? 1000);
  const docs = Number(env.BENCH_CLUSTER_DOCS ?? options.docs ?? 20);
  const workerCount = Number(options.workers ?? 2);
  const typeEveryMs = Number(env.BENCH_CLUSTER_TYPE_EVERY_MS ?? options.typeEveryMs ?? 5000);
  const announcementCount = Number(options.announcements ?? 12);
  const announceEveryMs = Number(options.announceEveryMs ?? 1000);
  const killAfter = Math.ceil(announcementCount / 3); // announcements before the kill
  // Sockets through nginx: a client and an upstream one each, shared by its workers; a load generator
  // holds its share of the clients, an instance up to half of them once one is gone.
  const connections = Math.ceil(2.2 * (streams + editors));
  const perProcess = Math.max(connections / NGINX_WORKERS, (streams + editors) / workerCount) + 1000;
  const { soft } = openFileLimits();
  if (soft < perProcess)
    throw new Error(
      `cluster: ${streams} streams + ${editors} editors need about ${Math.ceil(perProcess)} open files per process; run under \`ulimit -n ${Math.ceil(perProcess)}\` (now ${soft})`,
    );

  const deployment = await startDeployment({ connections, log });
  const workers = startWorkers(WORKER, workerCount);
  try {
    const { base, listen } = deployment;
    const adminCookie = await signup(base, ADMIN_EMAIL, "Cluster admin");
    const memberCookie = await signup(base, "cluster-member@example.com", "Cluster member");
    const token = (await post(base, memberCookie, "/api/tokens", { name: "bench" })).body.token;
    const endpoints = [];
    for (let i = 0; i < docs; i++) {
      const created = await post(base, memberCookie, "/api/documents", { title: `Cluster ${i}` });
      const id = created.body.id ?? created.body.document?.id;
      endpoints.push({ url: `ws://127.0.0.1:${listen}/collab/${id}?token=${encodeURIComponent(token.token ?? token)}`, docName: id, framing: "y-websocket" });
    }

    const t0 = epoch();
    const perWorkerStreams = workers.map((_, i) => Math.floor(streams / workerCount) + (i < streams % workerCount ? 1 : 0));
    const opened = await Promise.all(
      workers.map((w, i) => w.call("openStreams", { host: "127.0.0.1", port: listen, cookie: memberCookie, count: perWorkerStreams[i] })),
    );
    const perDoc = Math.ceil(editors / docs);
    const perWorkerPerDoc = workers.map((_, i) => Math.floor(perDoc / workerCount) + (i < perDoc % workerCount ? 1 : 0));
    const joined = await Promise.all(
      workers.map((w, i) => w.call("openEditors", { docs: endpoints, perDoc: perWorkerPerDoc[i], firstId: 1 + i * docs * perDoc })),
    );
    const connectMs = Math.round(epoch() - t0);
    const before = await Promise.all(workers.map((w) => w.call("status")));
    const spreadBefore = {
      streams: before.reduce((a, s) => addCounts(a, s.streamsByUpstream), {}),
      editors: before.reduce((a, s) => addCounts(a, s.editorsByUpstream), {}),
    };
    log(`cluster: ${sum(opened, "served")} streams and ${sum(joined, "synced")} editors up in ${connectMs} ms; spread ${JSON.stringify(spreadBefore)}`);
    await Promise.all(workers.map((w) => w.call("startTyping", { everyMs: typeEveryMs })));
    await sleep(Math.min(3000, typeEveryMs));

    const victim = deployment.servers[0];
    const victimAddr = `127.0.0.1:${deployment.ports[0]}`;
    const publisher = { errors: {}, published: 0 };
    let killAt = 0;
    const publishing = (async () => {
      for (let n = 1; n <= announcementCount; n++) {
        for (let attempt = 0; ; attempt++) {
          const res = await post(base, adminCookie, "/api/admin/announcements", {
            title: `cluster ${n}`,
            body: "Cluster bench",
            severity: "info",
            audience: "users",
          }).catch((e) => ({ status: e.code ?? "error" }));
          if (res.status === 201) break;
          publisher.errors[res.status] = (publisher.errors[res.status] ?? 0) + 1;
          if (attempt >= 12) throw new Error(`announcement ${n} could not be published: ${res.status}; nginx: ${JSON.stringify(deployment.nginxErrors())}`);
          await sleep(Math.min(2 ** attempt * 100, 5000) * (0.5 + Math.random())); // jittered, ~60 s in all
        }
        publisher.published++;
        if (n === killAfter) {
          killAt = epoch();
          await victim.kill("SIGKILL");
          log(`cluster: killed ${victimAddr}`);
        }
        await sleep(announceEveryMs);
      }
    })();
    // Wait until every client of the victim has lost its connection and come back, and all are served.
    while (!killAt) await sleep(20);
    const victimClients = (spreadBefore.streams[victimAddr] ?? 0) + (spreadBefore.editors[victimAddr] ?? 0);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const now = await Promise.all(workers.map((w) => w.call("status")));
      if (sum(now, "comebacks") >= victimClients && sum(now, "streamsServed") === streams && sum(now, "editorsSynced") === perDoc * docs) break;
      await sleep(100);
    }
    await publishing;
    const delivered = await Promise.all(workers.map((w) => w.call("announcements", { count: announcementCount, timeoutMs: 20_000 })));
    const settled = await Promise.all(workers.map((w) => w.call("settle", { timeoutMs: 30_000 })));
    await sleep(2000); // remote updates still in flight reach every editor
    const reports = await Promise.all(workers.map((w) => w.call("report")));

    const streamOutages = reports.flatMap((r) => r.streamOutages);
    const editorOutages = reports.flatMap((r) => r.editorOutages);
    const ofVictim = (list) => list.filter((o) => o.from === victimAddr);
    const recovery = (list) => ({
      clients: list.length,
      fromKillMs: summarize(list.map((o) => o.backAt - killAt)),
      fromLossMs: summarize(list.map((o) => o.backAt - o.lostAt)),
      // The last try alone: from its request to being served (what the instances took to answer).
      lastTryMs: summarize(list.map((o) => o.backAt - o.lastTryAt)),
      tries: summarize(list.map((o) => o.tries)),
      landedOn: list.reduce((a, o) => addCounts(a, { [o.to]: 1 }), {}),
    });
    const allEditors = reports.flatMap((r) => r.editors);
    const stillAway = { streams: sum(reports, "streamsStillAway"), editors: sum(reports, "editorsStillAway") };
    const edits = await verifyEdits(endpoints, allEditors);
    return {
      streams,
      editors: perDoc * docs,
      docs,
      typeEveryMs,
      announcements: announcementCount,
      connectMs,
      spreadBefore,
      victim: victimAddr,
      // The last of the victim's clients to be served again (null: someone is still away).
      allServedAgainMs:
        stillAway.streams + stillAway.editors > 0
          ? null
          : Math.round(Math.max(...[...ofVictim(streamOutages), ...ofVictim(editorOutages)].map((o) => o.backAt - killAt))),
      streamRecovery: recovery(ofVictim(streamOutages)),
      editorRecovery: recovery(ofVictim(editorOutages)),
      otherOutages: streamOutages.length + editorOutages.length - ofVictim(streamOutages).length - ofVictim(editorOutages).length,
      stillAway,
      clientErrors: reports.reduce((a, r) => addCounts(a, r.errors), {}),
      publisherErrors: publisher.errors,
      nginxErrors: deployment.nginxErrors(),
      delivery: { missing: sum(delivered, "missing"), duplicates: sum(delivered, "duplicates"), streamsIncomplete: sum(delivered, "streamsIncomplete") },
      settled: { allAcknowledged: settled.every((s) => s.allAcknowledged), unacknowledged: sum(settled, "unacknowledged") },
      edits,
    };
  } catch (e) {
    // What the deployment looked like when it failed: which instances still ran, what nginx logged.
    const states = deployment.instanceStates().filter((i) => !i.running);
    throw new Error(`${e.message}; instances that ended: ${JSON.stringify(states)}; nginx: ${JSON.stringify(deployment.nginxErrors())}`);
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await deployment.stop();
  }
}
