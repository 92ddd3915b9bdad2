// The servers under test. Each target starts its server as a child process (so RSS, CPU and
// kill -9 are real) and hands out endpoints the load generators connect to.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, startProcess } from "../lib/proc.mjs";
import { buildServerIfNeeded } from "../../scripts/build-server.mjs";
import { signup } from "../lib/tandemAccounts.mjs";

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const rootDir = path.resolve(benchDir, "..");
const HOST = "127.0.0.1";

function peersInstalled() {
  return fs.existsSync(path.join(benchDir, "node_modules", "@hocuspocus", "server")) &&
    fs.existsSync(path.join(benchDir, "node_modules", "y-websocket", "bin", "utils.js"))
    ? null
    : "bench/node_modules is missing (run `npm ci --prefix bench`)";
}

let docCounter = 0;
const uniqueNames = (prefix, n) => Array.from({ length: n }, () => `${prefix}-${process.pid}-${++docCounter}`);

const peerNodeArgs = () => process.env.BENCH_PEER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];

export const yWebsocket = {
  name: "y-websocket",
  label: "y-websocket 1.5.4 reference server (in memory)",
  persistent: false,
  available: peersInstalled,
  async start({ port }) {
    port ??= await freePort(HOST);
    const proc = await startProcess({
      name: "y-websocket",
      // BENCH_PEER_NODE_ARGS="--require ./lib/exit-on-signal.cjs --cpu-prof --cpu-prof-dir=/tmp/prof" profiles
      // the peers as Tandem's are (the preload lets y-websocket exit in order, so its profile is written).
      args: [...peerNodeArgs(), path.join(benchDir, "node_modules", "y-websocket", "bin", "server.js")],
      cwd: benchDir,
      env: { HOST, PORT: String(port) },
      port,
    });
    return Object.assign(proc, {
      async createDocs(n) {
        return uniqueNames("doc", n).map((docName) => ({ url: `ws://${HOST}:${port}/${docName}`, docName, framing: "y-websocket" }));
      },
    });
  },
};

export const hocuspocus = {
  name: "hocuspocus",
  label: "Hocuspocus 4 + SQLite extension",
  persistent: true,
  available: peersInstalled,
  async start({ port, dataDir }) {
    port ??= await freePort(HOST);
    const proc = await startProcess({
      name: "hocuspocus",
      args: [...peerNodeArgs(), path.join(benchDir, "servers", "hocuspocus-server.mjs")],
      cwd: benchDir,
      env: { HOST, PORT: String(port), DATABASE: path.join(dataDir, "hocuspocus.sqlite"), NODE_ENV: "production" },
      port,
    });
    return Object.assign(proc, {
      async createDocs(n) {
        return uniqueNames("doc", n).map((docName) => ({ url: `ws://${HOST}:${port}`, docName, framing: "hocuspocus", token: "bench" }));
      },
    });
  },
};

export function tandemUnavailable() {
  const channels = fs.readFileSync(path.join(rootDir, "server", "channels.ts"), "utf8");
  return /collab/i.test(channels) ? null : "server/collab is not registered in server/channels.ts yet";
}

/** How Tandem is started: the real entry point with the production build, else startTandem() without pages. */
function withNext() {
  return fs.existsSync(path.join(rootDir, ".next", "BUILD_ID")) && process.env.BENCH_TANDEM_WITHOUT_NEXT !== "1";
}

export function tandemMode() {
  return withNext() ? "production (server/index.ts with the Next build)" : "startTandem() without Next pages (no .next build, or BENCH_TANDEM_WITHOUT_NEXT=1)";
}

export const tandem = {
  name: "tandem",
  label: "Tandem",
  persistent: true,
  available: tandemUnavailable,
  async start({ port, dataDir, env = {} }) {
    port ??= await freePort(HOST);
    // The compiled server, as `npm start` runs it (scripts/build-server.mjs; rebuilt when sources changed).
    const entry = await buildServerIfNeeded(withNext() ? "server" : "bench-server");
    const proc = await startProcess({
      name: "tandem",
      // BENCH_TANDEM_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles Tandem under a workload.
      args: [...(process.env.BENCH_TANDEM_NODE_ARGS?.split(" ").filter(Boolean) ?? []), entry],
      cwd: rootDir,
      env: {
        NODE_ENV: "production",
        HOST,
        PORT: String(port),
        DATA_DIR: dataDir,
        NEXT_TELEMETRY_DISABLED: "1",
        // The peers have no flood limits and the bench measures the engine, so Tandem's per-connection
        // frame budget (300 frames/s against hostile clients, test/collab/hostile/flood) is lifted here.
        COLLAB_FRAME_BURST: "100000000",
        COLLAB_FRAMES_PER_SECOND: "100000000",
        // Likewise the instance capacity (server/ops/capacity.ts): the load generator opens thousands of
        // connections in a burst from one machine, which production would rightly spread with 503s.
        CAPACITY_COLLAB_SOCKETS: "10000000",
        CAPACITY_COLLAB_STREAMS: "10000000",
        CAPACITY_EVENT_STREAMS: "10000000",
        CAPACITY_REALTIME_SOCKETS: "10000000",
        CAPACITY_ADMISSIONS_PER_SECOND: "10000000",
        CAPACITY_ADMISSION_BURST: "10000000",
        ...(process.env.TANDEM_LOG_LEVEL ? { LOG_LEVEL: process.env.TANDEM_LOG_LEVEL } : {}),
        ...env,
      },
      port,
    });
    const base = `http://${HOST}:${port}`;
    /** The session of the account that owns the documents `createDocs` made (it invites the others). */
    let ownerCookie;
    const post = async (p, body, cookie = ownerCookie) => {
      const res = await fetch(base + p, { method: "POST", headers: { "content-type": "application/json", origin: base, cookie }, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`tandem POST ${p} failed: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const collabUrl = (documentId, token) => `ws://${HOST}:${port}/collab/${documentId}?token=${encodeURIComponent(token.token ?? token)}`;
    return Object.assign(proc, {
      mode: tandemMode(),
      /** Group commits so far (one transaction and disk sync each), from /metrics (served to loopback). */
      async commits() {
        const text = await (await fetch(`${base}/metrics`)).text();
        return Number(/^tandem_collab_commit_batch_updates_count(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? Number.NaN);
      },
      // Accounts, documents and the access token are made over the HTTP API, outside any timed section.
      async createDocs(n) {
        ownerCookie = await signup(base, `bench-${process.pid}-${++docCounter}@example.com`, "Bench");
        const { token } = await post("/api/tokens", { name: "bench" });
        const endpoints = [];
        for (let i = 0; i < n; i++) {
          const doc = await post("/api/documents", { title: `Bench ${i}` });
          const id = doc.id ?? doc.document?.id;
          endpoints.push({ url: collabUrl(id, token), docName: id, framing: "y-websocket" });
        }
        return endpoints;
      },
      /**
       * `perDoc` accounts of their own for each endpoint (signed up, made an editor of its document,
       * each with an access token): the endpoints they connect with, one list per document.
       */
      async distinctAccounts(endpoints, perDoc) {
        const one = async (endpoint, j) => {
          const email = `bench-${process.pid}-${endpoint.docName}-${j}@example.com`;
          const cookie = await signup(base, email, `Editor ${j}`);
          await post(`/api/documents/${endpoint.docName}/members`, { email, role: "editor" });
          const { token } = await post("/api/tokens", { name: "bench" }, cookie);
          return { ...endpoint, url: collabUrl(endpoint.docName, token) };
        };
        const lists = [];
        // A few at a time: sign-up hashes a password (scrypt), which the thread pool does four at once.
        for (const endpoint of endpoints) {
          const list = [];
          for (let j = 0; j < perDoc; j += 4)
            list.push(...(await Promise.all([j, j + 1, j + 2, j + 3].filter((k) => k < perDoc).map((k) => one(endpoint, k)))));
          lists.push(list);
        }
        return lists;
      },
    });
  },
};

/** Tandem again, its clients on the HTTP transport (SSE down, POST up) instead of WebSockets. */
export const tandemHttp = {
  ...tandem,
  name: "tandem-http",
  label: "Tandem, HTTP transport (SSE + POST, compatibility mode)",
  async start(options) {
    const server = await tandem.start(options);
    const createDocs = server.createDocs;
    return Object.assign(server, {
      async createDocs(n) {
        return (await createDocs(n)).map((endpoint) => ({ ...endpoint, transport: "http" }));
      },
    });
  },
};

export const allTargets = [tandem, tandemHttp, hocuspocus, yWebsocket];
