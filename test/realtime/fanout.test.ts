// How long a comment takes to reach everyone with the document open (printed, not asserted:
// the machine is shared). Every socket must receive it exactly once.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import { ask, connected, createDocument, openSocket, signUpAndConnect, TRANSPORTS, type ClientSocket } from "./helpers";

const SOCKETS = 50;
let server: TestServer;
const sockets: ClientSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.stop();
});

describe.each(TRANSPORTS)("fan-out over %s", (transport) => {
  test(`a comment reaches ${SOCKETS} open tabs once each`, async () => {
    const author = await signUpAndConnect(server, "Ana", transport);
    sockets.push(author.socket);
    const doc = await createDocument(author.api, "Busy doc");
    const tabs = await Promise.all(Array.from({ length: SOCKETS }, () => connected(openSocket(server.url, { transport, cookie: author.api.cookie }))));
    sockets.push(...tabs);
    for (const tab of tabs) expect(await ask(tab, "doc:join", { documentId: doc.id })).toMatchObject({ ok: true });

    const received = new Map<ClientSocket, number>();
    const arrivals: number[] = [];
    const start = performance.now();
    const all = new Promise<void>((resolve) => {
      for (const tab of tabs) {
        tab.on("comment:upsert", () => {
          received.set(tab, (received.get(tab) ?? 0) + 1);
          arrivals.push(performance.now() - start);
          if (arrivals.length === SOCKETS) resolve();
        });
      }
    });
    expect((await ask(author.socket, "comment:create", { documentId: doc.id, body: "hello everyone" })).ok).toBe(true);
    const acked = performance.now() - start;
    await all;
    await ask(author.socket, "presence:list", {}); // let any duplicate arrive before counting
    expect([...received.values()].every((n) => n === 1)).toBe(true);
    arrivals.sort((a, b) => a - b);
    console.log(
      `[${transport}] comment to ${SOCKETS} tabs: ack ${acked.toFixed(1)} ms, first ${arrivals[0].toFixed(1)} ms, ` +
        `median ${arrivals[SOCKETS / 2].toFixed(1)} ms, last ${arrivals[SOCKETS - 1].toFixed(1)} ms`,
    );
  });
});
