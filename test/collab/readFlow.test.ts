// Backpressure on real sockets: while reading is paused, a client's frames wait; none is lost.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterEach, expect, test } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { ReadFlow } from "../../server/collab/readFlow";

const cleanup: Array<() => void> = [];
const servers: WebSocketServer[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function connectPair(flow: ReadFlow, received: string[]) {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  servers.push(wss);
  cleanup.push(() => wss.close());
  await once(wss, "listening");
  const accepted = new Promise<void>((resolve) =>
    wss.on("connection", (ws) => {
      flow.accepted(ws);
      ws.on("message", (data) => received.push(data.toString()));
      resolve();
    }),
  );
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  cleanup.push(() => client.terminate());
  await once(client, "open");
  await accepted;
  return client;
}

test("paused, frames wait; resumed, all arrive in order; sockets accepted while paused start paused", async () => {
  const flow = new ReadFlow(() => servers.flatMap((wss) => [...wss.clients]));
  const first: string[] = [];
  const a = await connectPair(flow, first);
  a.send("before");
  await sleep(50);
  expect(first).toEqual(["before"]);

  flow.setPaused(true);
  const second: string[] = [];
  const b = await connectPair(flow, second); // accepted during the pause
  for (let i = 0; i < 3; i++) a.send(`a${i}`);
  b.send("b0");
  await sleep(100);
  expect(first).toEqual(["before"]);
  expect(second).toEqual([]);

  flow.setPaused(false);
  await sleep(100);
  expect(first).toEqual(["before", "a0", "a1", "a2"]);
  expect(second).toEqual(["b0"]);
});
