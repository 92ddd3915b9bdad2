// Connections that arrive while the server shuts down get an answer a client can act on: a collab
// socket opens and closes with 1001 "restarting" (or, once the WebSocket server is gone, HTTP 503),
// an event stream is answered with `retry:` and ended. None is accepted and then cut (a reset, seen by
// a browser as 1006); once the port stops listening they are refused, as any stopped server refuses.
// A connection the kernel completed but the server never accepted is reset when the port closes (Linux
// drops its accept queue); that is the one reset allowed, and only for a connection the server never saw.
import http from "node:http";
import net from "node:net";
import { expect, test } from "vitest";
import { WebSocket } from "ws";
import { ApiClient, startTestServer } from "../helpers/server";
import { CloseCode } from "../../lib/collab/closeCodes";

type Outcome = string;
type Attempt = { outcome: Promise<Outcome>; localPort(): number | undefined };

/** Each attempt's client socket, so its outcome can be matched with what the server accepted. */
function trackedConnection(made: { socket?: net.Socket }) {
  return (options: net.NetConnectOpts) => {
    made.socket = net.connect(options);
    return made.socket;
  };
}

function collabAttempt(url: string, headers: Record<string, string>): Attempt {
  const made: { socket?: net.Socket; port?: number } = {};
  const outcome = new Promise<Outcome>((resolve) => {
    const ws = new WebSocket(url, { headers, createConnection: trackedConnection(made) } as ConstructorParameters<typeof WebSocket>[2]);
    made.socket?.once("connect", () => (made.port = made.socket?.localPort));
    let opened = false;
    let error: string | undefined;
    ws.on("open", () => (opened = true));
    ws.on("unexpected-response", (_req, res) => {
      resolve(`http ${res.statusCode}`);
      ws.terminate();
    });
    ws.on("error", (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    ws.on("close", (code) => resolve(opened ? `closed ${code}` : `failed ${error}`));
  });
  return { outcome, localPort: () => made.port };
}

function streamAttempt(url: string): Attempt {
  const made: { socket?: net.Socket; port?: number } = {};
  const outcome = new Promise<Outcome>((resolve) => {
    const req = http.get(url, { createConnection: trackedConnection(made) } as http.RequestOptions, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve(`${res.statusCode} ${/retry: \d+\n\n$/.test(body) ? "retry" : "no retry"}`));
      res.on("error", (e: NodeJS.ErrnoException) => resolve(`${res.statusCode} cut ${e.code ?? e.message}`));
    });
    req.on("error", (e: NodeJS.ErrnoException) => resolve(`failed ${e.code ?? e.message}`));
    made.socket?.once("connect", () => (made.port = made.socket?.localPort));
  });
  return { outcome, localPort: () => made.port };
}

/** Outcomes, with a reset named "never accepted" when the server never saw that connection. */
async function outcomesOf(attempts: Attempt[], accepted: Set<number>): Promise<Outcome[]> {
  return Promise.all(
    attempts.map(async (a) => {
      const outcome = await a.outcome;
      const port = a.localPort();
      return outcome === "failed ECONNRESET" && port !== undefined && !accepted.has(port) ? "reset, never accepted" : outcome;
    }),
  );
}

test("upgrades and event streams arriving during shutdown are told to come back, never cut", { timeout: 60_000 }, async () => {
  const server = await startTestServer();
  const api = new ApiClient(server.url, { origin: server.url });
  await api.signup("Ana");
  const doc = (await api.post("/api/documents", { title: "Closing time" })).body;
  const collabUrl = `${server.url.replace(/^http/, "ws")}/collab/${doc.id}`;
  const headers = { cookie: api.cookie, origin: server.url };
  // Someone is editing, so the collab channel has a room to flush and a socket to say goodbye to.
  const editor = new WebSocket(collabUrl, { headers });
  await new Promise((resolve) => editor.once("open", resolve));

  const accepted = new Set<number>();
  server.httpServer.on("connection", (socket: net.Socket) => socket.remotePort && accepted.add(socket.remotePort));
  const collab: Attempt[] = [];
  const streams: Attempt[] = [];
  const stopped = server.stop();
  for (let i = 0; i < 30; i++) {
    collab.push(collabAttempt(collabUrl, headers));
    streams.push(streamAttempt(`${server.url}/api/events`));
    await new Promise((r) => setTimeout(r, 2));
  }
  await stopped;
  const collabOutcomes = await outcomesOf(collab, accepted);
  const streamOutcomes = await outcomesOf(streams, accepted);

  const allowedCollab = new Set([`closed ${CloseCode.GoingAway}`, "http 503", "failed ECONNREFUSED", "reset, never accepted"]);
  expect(collabOutcomes.filter((o) => !allowedCollab.has(o))).toEqual([]);
  expect(collabOutcomes).toContain(`closed ${CloseCode.GoingAway}`);
  const allowedStream = new Set(["200 retry", "failed ECONNREFUSED", "reset, never accepted"]);
  expect(streamOutcomes.filter((o) => !allowedStream.has(o))).toEqual([]);
  expect(streamOutcomes).toContain("200 retry");
  editor.terminate();
});
