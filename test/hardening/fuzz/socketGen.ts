// Seeded socket.io inputs written as raw engine.io/socket.io frames ("42<ack>[event, ...args]"), so
// what the socket.io client would never send can be: unknown and reserved event names, payloads of the
// wrong type, huge strings, deep nesting, lone surrogates, missing acks, broken packets and binary
// attachments that do not add up. One seed → one small session (how it signs in, 1–5 packets).
import { Rng } from "../support/prng";
import { deepText, hostile, shaped, type FieldKind, type Ids } from "./values";
import { ClientEventSchemas, MAX_MESSAGE_BYTES } from "../../../lib/realtime/events";

export type Frame = string | Buffer;
export type SocketPacket = { frames: Frame[]; label: string /** An ack id the server must answer while the socket stays open. */; awaitsAck?: number };
export type SocketSession = {
  seed: number;
  auth: "cookie" | "none" | "garbage-token" | "foreign-origin";
  cookie: number;
  handshake: string;
  packets: SocketPacket[];
};

/** Field shapes of each client event (from lib/realtime/events.ts's zod schemas). */
const EVENT_FIELDS: Record<string, Record<string, FieldKind>> = {
  "doc:join": { documentId: "id" },
  "doc:leave": { documentId: "id" },
  "presence:list": {},
  "comments:list": { documentId: "id" },
  "comment:create": { documentId: "id", body: "markdown", anchorFrom: "anchor", anchorTo: "anchor", quote: "name" },
  "comment:reply": { parentId: "id", body: "markdown" },
  "comment:resolve": { commentId: "id", resolved: "bool" },
  "comment:delete": { commentId: "id" },
  "notifications:list": { limit: "int" },
  "notifications:read": { all: "bool" },
};
/** Events the contract knows (any new one is fuzzed with a generic shape until given its own). */
export const KNOWN_EVENTS = Object.keys(ClientEventSchemas);

const RESERVED = [
  "connect",
  "connect_error",
  "disconnect",
  "disconnecting",
  "newListener",
  "removeListener",
  "error",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "emit",
  "on",
];

function eventName(r: Rng): { name: unknown; known: boolean } {
  if (r.chance(0.8)) return { name: r.pick(KNOWN_EVENTS), known: true };
  const name = r.weighted<() => unknown>([
    [3, () => r.pick(RESERVED)],
    [3, () => r.nastyString(20)],
    [1, () => "e".repeat(r.size(100_000))],
    [1, () => r.pick([42, null, true, {}, [], { event: "doc:join" }])],
    [2, () => r.pick(KNOWN_EVENTS).toUpperCase() + r.pick(["", " ", "\u0000", ":"])],
  ])();
  return { name, known: false };
}

function ackId(r: Rng): number {
  return r.range(0, 1_000_000);
}

function eventPacket(r: Rng, ids: Ids): SocketPacket {
  const { name, known } = eventName(r);
  const fields = typeof name === "string" && EVENT_FIELDS[name] ? EVENT_FIELDS[name] : { documentId: "id" as FieldKind };
  const payload = r.chance(0.75) ? shaped(r, fields, ids, 100_000) : hostile(r, ids, 100_000);
  const args: unknown[] = [name, payload];
  if (r.chance(0.1)) args.push(hostile(r, ids, 1_000));
  const withAck = r.chance(0.8);
  const id = ackId(r);
  const text = `42${withAck ? id : ""}${JSON.stringify(args)}`;
  const valid = known && text.length < MAX_MESSAGE_BYTES;
  return {
    frames: [text],
    label: `event:${typeof name === "string" ? name.slice(0, 20) : typeof name}${withAck ? "" : ":no-ack"}`,
    awaitsAck: withAck && valid ? id : undefined,
  };
}

/**
 * A lone surrogate where it would be stored: a comment on the playground (where fuzzers are members),
 * so the text passes validation and reaches the database; or in any field of any event.
 */
function surrogatePacket(r: Rng, ids: Ids): SocketPacket {
  const broken = r.pick(["\ud800", "a\udfffb", "\udbff\udbff", "ok\ud83d"]);
  let name: string;
  let key: string;
  let payload: Record<string, unknown>;
  if (r.chance(0.6)) {
    name = "comment:create";
    key = r.pick(["body", "quote", "body"]);
    payload = { documentId: ids.playgroundId, body: "fuzz", [key]: broken };
  } else {
    name = r.pick(KNOWN_EVENTS);
    const fields = EVENT_FIELDS[name] ?? { documentId: "id" };
    payload = shaped(r, fields, ids, 10);
    const keys = Object.keys(fields);
    key = keys.length ? r.pick(keys) : "x";
    payload[key] = broken;
  }
  const id = ackId(r);
  return { frames: [`42${id}${JSON.stringify([name, payload])}`], label: `surrogate:${name}.${key}`, awaitsAck: id };
}

function deepPacket(r: Rng): SocketPacket {
  const depth = r.range(100, 30_000);
  const name = r.pick(KNOWN_EVENTS);
  const id = ackId(r);
  const text = `42${id}["${name}",${deepText(depth, r.chance(0.5))}]`;
  return { frames: [text], label: `deep:${depth}`, awaitsAck: text.length < MAX_MESSAGE_BYTES ? id : undefined };
}

function malformedPacket(r: Rng, ids: Ids): SocketPacket {
  const valid = JSON.stringify([r.pick(KNOWN_EVENTS), shaped(r, { documentId: "id" }, ids, 10)]);
  const frame = r.weighted<() => Frame>([
    [2, () => "42" + valid.slice(0, r.int(valid.length))],
    [
      1,
      () =>
        r.pick([
          "42[",
          "42{}",
          "42[]",
          '42"x"',
          "42null",
          "4",
          "40",
          "41",
          "44{}",
          "43[]",
          "431[]",
          "49",
          "4x",
          "",
          "2",
          "3",
          "5",
          "6",
          "1",
          "3probe",
          "2probe",
        ]),
    ],
    [1, () => `42/admin,${ackId(r)}${valid}`],
    [1, () => `42${"9".repeat(r.range(10, 40))}${valid}`],
    [1, () => `42-1${valid}`],
    [1, () => `4${r.int(10)}${r.nastyString(20)}`],
    [1, () => r.nastyString(30)],
    [1, () => Buffer.from(r.bytes(r.size(2_000)))],
  ])();
  return { frames: [frame], label: "malformed" };
}

function binaryPacket(r: Rng, ids: Ids): SocketPacket {
  const declared = r.weighted<number>([
    [4, 1],
    [2, 2],
    [1, 0],
    [1, r.range(3, 10)],
    [1, 1_000_000],
  ]);
  const sent = r.chance(0.7) ? Math.min(declared, 3) : r.range(0, 3);
  const num = r.chance(0.8) ? r.int(Math.max(1, declared)) : r.pick([-1, 99, "0", null]);
  const name = r.pick(KNOWN_EVENTS);
  const payload = { ...shaped(r, EVENT_FIELDS[name] ?? {}, ids, 10), body: { _placeholder: true, num } };
  const id = ackId(r);
  const type = r.chance(0.85) ? "45" : "46";
  const frames: Frame[] = [`${type}${declared}-${id}${JSON.stringify([name, payload])}`];
  for (let i = 0; i < sent; i++) frames.push(Buffer.from(r.bytes(r.size(4_096))));
  return { frames, label: `binary:${type}:${declared}/${sent}` };
}

export function socketSession(seed: number, ids: Ids, cookies: number): SocketSession {
  const r = new Rng(seed);
  const auth = r.weighted<SocketSession["auth"]>([
    [17, "cookie"],
    [1, "none"],
    [1, "garbage-token"],
    [1, "foreign-origin"],
  ]);
  const handshake =
    auth === "garbage-token"
      ? `40${JSON.stringify({ token: hostile(r, ids, 1_000) })}`
      : r.chance(0.05)
        ? `40${r.pick(["{}", "[]", "x", '{"token":null}'])}`
        : "40";
  const count = r.range(1, 5);
  const packets: SocketPacket[] = [];
  for (let i = 0; i < count; i++) {
    packets.push(
      r.weighted<() => SocketPacket>([
        [10, () => eventPacket(r, ids)],
        [3, () => surrogatePacket(r, ids)],
        [1, () => deepPacket(r)],
        [3, () => malformedPacket(r, ids)],
        [2, () => binaryPacket(r, ids)],
      ])(),
    );
  }
  return { seed, auth, cookie: r.int(cookies), handshake, packets };
}
