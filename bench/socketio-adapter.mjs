#!/usr/bin/env node
// socket.io across two instances on Redis, two ways, side by side (issue 18, "Hosted at scale"):
//   bus:     what server/realtime/busBridge.ts does today. An event is published once on a Redis
//            channel that every instance hears (Tandem's event bus); each instance emits it to its own
//            sockets with io.local.
//   adapter: @socket.io/redis-adapter. The instance where the event happened calls io.to(room).emit();
//            the adapter publishes it and every other instance emits it to its sockets.
// For a room-targeted emit it reports server CPU (both instances) per emitted event, Redis publishes
// and bytes per event (counted on the publishing clients, so other users of the shared Redis do not
// count), and three correctness checks: a room's sockets on the other instance receive the event;
// disconnectSockets() from one instance reaches the other's sockets; acknowledgements come back from
// both instances' clients.
//   node bench/socketio-adapter.mjs [--events=2000] [--clients=200] [--rooms=20]
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { io as connect } from "socket.io-client";

const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

if (process.argv[2] === "--instance") await instance(process.argv[3]);
else await main();

/** One socket.io server; the parent drives it over IPC. */
async function instance(mode) {
  const { createServer } = await import("node:http");
  const { Server } = await import("socket.io");
  const { Redis } = await import("ioredis");
  const { createAdapter } = await import("@socket.io/redis-adapter");
  const channel = `bench-socketio-bus-${process.ppid}`;
  const pub = new Redis(REDIS_URL);
  const sub = new Redis(REDIS_URL);
  const counted = { publishes: 0, bytes: 0 };
  for (const name of ["publish", "spublish"]) {
    const original = pub[name].bind(pub);
    pub[name] = (ch, message, ...rest) => {
      counted.publishes++;
      counted.bytes += Buffer.byteLength(message);
      return original(ch, message, ...rest);
    };
  }
  const http = createServer();
  const io = new Server(http, {
    transports: ["websocket"],
    ...(mode === "adapter" ? { adapter: createAdapter(pub, sub, { key: `bench-socketio-${process.ppid}` }) } : {}),
  });
  io.on("connection", (socket) => socket.join(`doc:${socket.handshake.query.room}`));
  if (mode === "bus") {
    await sub.subscribe(channel);
    sub.on("message", (_ch, message) => {
      const event = JSON.parse(message);
      io.local.to(event.room).emit("doc:updated", event.payload);
    });
  }
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  process.on("message", async (m) => {
    const reply = (data) => process.send({ id: m.id, ...data });
    switch (m.op) {
      case "emit": {
        // Room-targeted events, as the bridge emits doc:updated to a document's room.
        for (let i = 0; i < m.count; i++) {
          const room = `doc:${i % m.rooms}`;
          const payload = { documentId: `d${i % m.rooms}`, title: `Title ${i}`, updatedAt: new Date().toISOString() };
          if (mode === "bus") pub.publish(channel, JSON.stringify({ room, payload }));
          else io.to(room).emit("doc:updated", payload);
        }
        return reply({});
      }
      case "stats":
        return reply({ cpuMs: cpu(), ...counted, sockets: io.of("/").sockets.size });
      case "disconnectRoom":
        // Bus mode has only its own sockets (io.local); the adapter reaches every instance.
        if (mode === "bus") io.local.in(m.room).disconnectSockets(true);
        else io.in(m.room).disconnectSockets(true);
        return reply({});
      case "ackRoom": {
        try {
          const answers = await io.timeout(3000).to(m.room).emitWithAck("ping", {});
          return reply({ acks: answers.length });
        } catch (error) {
          return reply({ acks: -1, error: String(error) });
        }
      }
      case "stop":
        io.close();
        pub.disconnect();
        sub.disconnect();
        return reply({});
    }
  });
  await new Promise((r) => http.listen(0, "127.0.0.1", r));
  process.send({ ready: true, port: http.address().port });
}

async function main() {
  const events = arg("events", 2000);
  const clientsPerInstance = arg("clients", 200);
  const rooms = arg("rooms", 20);
  const self = fileURLToPath(import.meta.url);
  const results = {};
  for (const mode of ["bus", "adapter"]) {
    const nodes = [0, 1].map(() => {
      const child = fork(self, ["--instance", mode]);
      const waiting = new Map();
      let next = 0;
      child.on("message", (m) => (m.id !== undefined ? waiting.get(m.id)?.(m) : undefined));
      const node = {
        child,
        port: 0,
        ready: new Promise((r) => child.once("message", (m) => r((node.port = m.port)))),
        call: (op, data = {}) =>
          new Promise((resolve) => {
            const id = ++next;
            waiting.set(id, resolve);
            child.send({ id, op, ...data });
          }),
      };
      return node;
    });
    await Promise.all(nodes.map((n) => n.ready));
    // Clients on both instances, spread over the rooms; each counts what it receives.
    let received = 0;
    const receivedBy = [0, 0];
    const sockets = [];
    for (const [index, node] of nodes.entries()) {
      for (let c = 0; c < clientsPerInstance; c++) {
        const socket = connect(`http://127.0.0.1:${node.port}`, { transports: ["websocket"], query: { room: String(c % rooms) }, reconnection: false });
        socket.on("doc:updated", () => {
          received++;
          receivedBy[index]++;
        });
        socket.on("ping", (_data, ack) => ack("pong"));
        sockets.push({ socket, index, room: c % rooms });
      }
    }
    await Promise.all(sockets.map(({ socket }) => new Promise((r) => (socket.connected ? r() : socket.once("connect", r)))));
    await new Promise((r) => setTimeout(r, 500));
    const expected = Math.round(((events * 2 * clientsPerInstance) / rooms) * 1); // each event reaches its room on both instances
    const warm = async (n) => {
      const before = received;
      await nodes[0].call("emit", { count: n, rooms });
      const want = before + Math.round((n * 2 * clientsPerInstance) / rooms);
      const deadline = Date.now() + 60_000;
      while (received < want && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    };
    await warm(Math.min(500, events)); // JIT warm-up, discarded
    const s0 = await Promise.all(nodes.map((n) => n.call("stats")));
    const r0 = received;
    const by0 = [...receivedBy];
    await warm(events);
    const s1 = await Promise.all(nodes.map((n) => n.call("stats")));
    const cpuMs = s1.reduce((sum, s, i) => sum + s.cpuMs - s0[i].cpuMs, 0);
    const publishes = s1.reduce((sum, s, i) => sum + s.publishes - s0[i].publishes, 0);
    const bytes = s1.reduce((sum, s, i) => sum + s.bytes - s0[i].bytes, 0);
    const delivered = received - r0;
    // Correctness across instances.
    const acks = await nodes[0].call("ackRoom", { room: "doc:0" });
    const inRoom0 = sockets.filter((s) => s.room === 0);
    await nodes[0].call("disconnectRoom", { room: "doc:0" });
    await new Promise((r) => setTimeout(r, 1000));
    const stillConnected = inRoom0.filter((s) => s.socket.connected);
    results[mode] = {
      events,
      deliveries: delivered,
      expectedDeliveries: expected,
      otherInstanceReceived: receivedBy[1] - by0[1],
      serverCpuUsPerEvent: Math.round(((cpuMs * 1000) / events) * 10) / 10,
      serverCpuUsPerDelivery: Math.round(((cpuMs * 1000) / delivered) * 100) / 100,
      redisPublishesPerEvent: publishes / events,
      redisBytesPerEvent: Math.round(bytes / events),
      acksFromRoom: `${acks.acks} of ${inRoom0.length}`,
      disconnectSocketsReachedOtherInstance: stillConnected.length === 0,
      roomSocketsLeftConnected: `${stillConnected.length} of ${inRoom0.length}`,
    };
    for (const { socket } of sockets) socket.close();
    await Promise.all(nodes.map((n) => n.call("stop")));
    for (const n of nodes) n.child.kill();
  }
  console.log(JSON.stringify({ clientsPerInstance, rooms, results }, null, 1));
  process.exit(0);
}
