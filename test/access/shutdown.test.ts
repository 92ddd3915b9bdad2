// Connections that arrive while the server shuts down get an answer a client can act on: a collab
// socket opens and closes with 1001 "restarting" (or, once the WebSocket server is gone, HTTP 503),
// an event stream is answered with `retry:` and ended. None is accepted and then cut (a reset, seen by
// a browser as 1006); once the port stops listening they are refused, as any stopped server refuses.
import http from "node:http";
import { expect, test } from "vitest";
import { WebSocket } from "ws";
import { ApiClient, startTestServer } from "../helpers/server";
import { CloseCode } from "../../lib/collab/closeCodes";

type Outcome = string;

function collabAttempt(url: string, headers: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
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
}

function streamAttempt(url: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve(`${res.statusCode} ${/retry: \d+\n\n$/.test(body) ? "retry" : "no retry"}`));
      res.on("error", (e: NodeJS.ErrnoException) => resolve(`${res.statusCode} cut ${e.code ?? e.message}`));
    });
    req.on("error", (e: NodeJS.ErrnoException) => resolve(`failed ${e.code ?? e.message}`));
  });
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

  const collab: Promise<Outcome>[] = [];
  const streams: Promise<Outcome>[] = [];
  const stopped = server.stop();
  for (let i = 0; i < 30; i++) {
    collab.push(collabAttempt(collabUrl, headers));
    streams.push(streamAttempt(`${server.url}/api/events`));
    await new Promise((r) => setTimeout(r, 2));
  }
  await stopped;
  const collabOutcomes = await Promise.all(collab);
  const streamOutcomes = await Promise.all(streams);

  const allowedCollab = new Set([`closed ${CloseCode.GoingAway}`, "http 503", "failed ECONNREFUSED"]);
  expect(collabOutcomes.filter((o) => !allowedCollab.has(o))).toEqual([]);
  expect(collabOutcomes).toContain(`closed ${CloseCode.GoingAway}`);
  const allowedStream = new Set(["200 retry", "failed ECONNREFUSED"]);
  expect(streamOutcomes.filter((o) => !allowedStream.has(o))).toEqual([]);
  expect(streamOutcomes).toContain("200 retry");
  editor.terminate();
});
