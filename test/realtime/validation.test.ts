// Bad input is answered with a code and changes nothing; floods are limited per socket and per
// account; oversized frames close only the sender's connection.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import { COMMENT_BODY_MAX, MAX_MESSAGE_BYTES } from "../../lib/realtime/events";
import { ACCOUNT_EVENT_BURST, EVENT_BURST } from "../../server/realtime/handshake";
import { ask, connected, createDocument, openSocket, signUpAndConnect, TRANSPORTS, type ClientSocket, type Person } from "./helpers";

let server: TestServer;
const people: Person[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const p of people) p.socket.disconnect();
  await server?.stop();
});

async function person(name: string, transport: (typeof TRANSPORTS)[number]) {
  const p = await signUpAndConnect(server, name, transport);
  people.push(p);
  return p;
}

/** Sends a raw event, bypassing the typed signature, as a misbehaving client would. */
function raw(socket: ClientSocket, event: string, ...args: unknown[]): Promise<any> {
  return (socket.timeout(5_000) as any).emitWithAck(event, ...args);
}

describe.each(TRANSPORTS)("validation and limits over %s", (transport) => {
  test("invalid payloads are acked with invalid_input naming the field, and store nothing", async () => {
    const ana = await person("Ana", transport);
    const doc = await createDocument(ana.api, "Doc");
    const cases: Array<[string, unknown[], string]> = [
      ["doc:join", [{}], "documentId"],
      ["doc:join", [{ documentId: "../../etc" }], "documentId"],
      ["comment:create", [{ documentId: doc.id, body: "" }], "body"],
      ["comment:create", [{ documentId: doc.id, body: "x".repeat(COMMENT_BODY_MAX + 1) }], "body"],
      ["comment:create", [{ documentId: doc.id, body: "ok", anchorFrom: "AQdkZWZhdWx0AA==" }], "anchorTo"],
      ["comment:create", [{ documentId: doc.id, body: "ok", anchorFrom: "not base64!", anchorTo: "AA==" }], "anchorFrom"],
      ["comment:create", [{ documentId: doc.id, body: "ok", anchorFrom: "AQdkZWZhdWx0AA==", anchorTo: "/////w==" }], "anchorTo"],
      ["comment:resolve", [{ commentId: "x", resolved: "yes" }], "resolved"],
      ["notifications:list", [{ limit: 10_000 }], "limit"],
      ["notifications:read", [{ ids: [] }], ""],
      ["comments:list", ["just a string"], ""],
      ["comments:list", [], ""],
    ];
    for (const [event, args, field] of cases) {
      const ack = await raw(ana.socket, event, ...args);
      expect(ack.ok, `${event} ${JSON.stringify(args).slice(0, 80)}`).toBe(false);
      expect(ack.error.code).toBe("invalid_input");
      expect(ack.error.message).toContain(field);
      expect(ack.error.message).not.toMatch(/at .*\.ts/); // no stack traces
    }
    const list = await ask(ana.socket, "comments:list", { documentId: doc.id });
    expect(list).toEqual({ ok: true, comments: [] });
  });

  test("events without an ack, unknown events and extra arguments do not disturb the connection", async () => {
    const ana = await person("Ana", transport);
    (ana.socket as any).emit("comment:create", { nonsense: true });
    (ana.socket as any).emit("no:such:event", 1, 2, 3);
    const ack = await raw(ana.socket, "notifications:list", {}, "extra");
    expect(ack).toEqual({ ok: true, notifications: [], unread: 0 });
    expect(ana.socket.connected).toBe(true);
  });

  test("a burst beyond the bucket is refused with rate_limited, without affecting another socket", async () => {
    const flooder = await person("Flo", transport);
    const other = await person("Oz", transport);
    const acks = await Promise.all(Array.from({ length: EVENT_BURST * 3 }, () => ask(flooder.socket, "notifications:list", {})));
    const limited = acks.filter((a) => !a.ok && a.error.code === "rate_limited").length;
    expect(limited).toBeGreaterThanOrEqual(EVENT_BURST); // refill during the burst lets a few more through
    expect(acks.filter((a) => a.ok).length).toBeGreaterThanOrEqual(EVENT_BURST);
    const second = await ask(other.socket, "notifications:list", {});
    expect(second.ok).toBe(true);
  });

  test("an account's sockets share one budget: more tabs do not buy more events", async () => {
    const flo = await person("Flo", transport);
    const other = await person("Oz", transport);
    const tabs = [flo.socket];
    try {
      for (let i = 0; i < 7; i++) tabs.push(await connected(openSocket(server.url, { transport, cookie: flo.api.cookie })));
      // Each tab stays within its own bucket; together they ask for 240 against the account's 90.
      const acks = await Promise.all(tabs.flatMap((tab) => Array.from({ length: EVENT_BURST }, () => ask(tab, "notifications:list", {}))));
      const limited = acks.filter((a) => !a.ok && a.error.code === "rate_limited").length;
      expect(limited).toBeGreaterThanOrEqual(60); // 240 - 90, less what refills during the burst
      expect(acks.filter((a) => a.ok).length).toBeGreaterThanOrEqual(ACCOUNT_EVENT_BURST);
      expect((await ask(other.socket, "notifications:list", {})).ok).toBe(true); // another account is not affected
    } finally {
      for (const tab of tabs.slice(1)) tab.disconnect();
    }
  });

  test("a socket that keeps flooding is disconnected; another socket's latency is measured meanwhile", async () => {
    const flooder = await person("Flo", transport);
    const other = await person("Oz", transport);
    const roundTrips = async (n: number) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        expect((await ask(other.socket, "notifications:list", {}, 10_000)).ok).toBe(true);
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b);
    };
    const quiet = await roundTrips(10); // 10 + 10 stays within the bucket of the measuring socket
    let sent = 0;
    const cutOff = new Promise<string>((resolve) => flooder.socket.once("disconnect", resolve));
    const flood = (async () => {
      while (flooder.socket.connected) {
        for (let i = 0; i < 100; i++) (flooder.socket as any).emit("notifications:list", {}, () => {});
        sent += 100;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const busy = await roundTrips(10);
    expect(await cutOff).toBe("io server disconnect");
    await flood;
    const p = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))].toFixed(1);
    console.log(
      `[${transport}] other socket's round trip: quiet p50 ${p(quiet, 0.5)} ms max ${p(quiet, 1)} ms; ` +
        `while a flooder sent ${sent} events before being cut off: p50 ${p(busy, 0.5)} ms max ${p(busy, 1)} ms`,
    );
    expect(other.socket.connected).toBe(true);
  });

  test("a frame larger than the limit closes only the sender's connection", async () => {
    const big = await person("Big", transport);
    const bystander = await person("By", transport);
    const closed = new Promise<string>((resolve) => big.socket.once("disconnect", (reason) => resolve(reason)));
    (big.socket as any).emit("comment:create", { documentId: "x", body: "y".repeat(MAX_MESSAGE_BYTES + 1024) });
    expect(await closed).toMatch(/transport (close|error)/);
    const ack = await ask(bystander.socket, "notifications:list", {});
    expect(ack.ok).toBe(true);
  });
});
