// Seeded generators of hostile collab frames, shared by the room fuzz test and the long run
// (HARDENING_LONG=1). Every frame class of issue 12: random bytes, truncated varints, huge declared
// lengths, mutated valid updates and awareness, updates whose dependencies never arrive.
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import { MessageType, syncUpdateMessage } from "../../../server/collab/messages";

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (rnd: () => number, n: number) => Math.floor(rnd() * n);

/** Valid updates a real editor makes on top of `base` (paragraphs, typing, deletions, marks). */
export function validUpdates(base: Uint8Array, rnd: () => number, count = 60): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = 1 + int(rnd, 2 ** 30); // seeded, so a failing seed replays exactly
  Y.applyUpdate(doc, base);
  const out: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => out.push(u));
  const fragment = doc.getXmlFragment("default");
  for (let i = 0; i < count; i++) {
    const r = rnd();
    if (r < 0.2 || fragment.length === 0) {
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText("para " + i)]);
      fragment.insert(int(rnd, fragment.length + 1), [p]);
    } else {
      const p = fragment.get(int(rnd, fragment.length)) as Y.XmlElement;
      const text = p.get(0) as Y.XmlText | undefined;
      if (!text) continue;
      if (r < 0.7) text.insert(int(rnd, text.length + 1), "abc");
      else if (r < 0.85 && text.length > 1) text.delete(int(rnd, text.length - 1), 1);
      else if (text.length > 2) text.format(0, 2, { bold: true });
    }
  }
  doc.destroy();
  return out;
}

/** `update` with 1-3 bits flipped. */
export function mutate(update: Uint8Array, rnd: () => number): Uint8Array {
  const out = new Uint8Array(update);
  const flips = 1 + int(rnd, 3);
  for (let f = 0; f < flips; f++) out[int(rnd, out.length)] ^= 1 << int(rnd, 8);
  return out;
}

/** An update by a client the document has never seen, starting at clock 1000: its structs can never integrate. */
export function danglingUpdate(rnd: () => number, bytes = 200): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 1_000_000 + int(rnd, 1_000_000);
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const text = doc.getText("default");
  text.insert(0, "x".repeat(1000)); // clocks 0..999, never sent
  updates.length = 0;
  text.insert(1000, "y".repeat(bytes));
  doc.destroy();
  return updates[0];
}

function frameOf(type: number, payload: Uint8Array, syncType?: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  if (syncType !== undefined) encoding.writeVarUint(e, syncType);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** An awareness update naming `count` random client ids, with null or `state`. */
export function awarenessFlood(rnd: () => number, count: number, state: unknown = null): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, count);
  const json = JSON.stringify(state);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(e, 1 + int(rnd, 2 ** 31));
    encoding.writeVarUint(e, 1 + int(rnd, 1000));
    encoding.writeVarString(e, json);
  }
  return frameOf(MessageType.Awareness, encoding.toUint8Array(e));
}

export type FrameClass = "random" | "truncated" | "hugeLength" | "mutatedUpdate" | "mutatedStep2" | "dangling" | "mutatedAwareness" | "awarenessFlood";
export const FRAME_CLASSES: FrameClass[] = [
  "random",
  "truncated",
  "hugeLength",
  "mutatedUpdate",
  "mutatedStep2",
  "dangling",
  "mutatedAwareness",
  "awarenessFlood",
];

/** One hostile frame of `kind`, built from `pool` (valid updates) where it mutates something real. */
export function hostileFrame(kind: FrameClass, rnd: () => number, pool: Uint8Array[]): Uint8Array {
  switch (kind) {
    case "random": {
      const out = new Uint8Array(1 + int(rnd, 300));
      for (let i = 0; i < out.length; i++) out[i] = int(rnd, 256);
      return out;
    }
    case "truncated": {
      const full = syncUpdateMessage(pool[int(rnd, pool.length)]);
      return full.slice(0, int(rnd, full.length));
    }
    case "hugeLength": {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, rnd() < 0.5 ? MessageType.Sync : MessageType.Awareness);
      if (rnd() < 0.7) encoding.writeVarUint(e, int(rnd, 3));
      encoding.writeVarUint(e, 2 ** 31 + int(rnd, 2 ** 20)); // declared length far past the frame
      encoding.writeUint8Array(e, new Uint8Array(int(rnd, 64)));
      return encoding.toUint8Array(e);
    }
    case "mutatedUpdate":
      return syncUpdateMessage(mutate(pool[int(rnd, pool.length)], rnd));
    case "mutatedStep2":
      return frameOf(MessageType.Sync, mutate(pool[int(rnd, pool.length)], rnd), 1);
    case "dangling":
      return syncUpdateMessage(danglingUpdate(rnd, 50 + int(rnd, 500)));
    case "mutatedAwareness": {
      const doc = new Y.Doc();
      doc.clientID = 1 + int(rnd, 2 ** 30);
      const awareness = new awarenessProtocol.Awareness(doc);
      awareness.setLocalState({ user: { name: "x", color: "#f00" }, cursor: { anchor: int(rnd, 100) } });
      const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
      awareness.destroy();
      doc.destroy();
      return frameOf(MessageType.Awareness, mutate(update, rnd));
    }
    case "awarenessFlood":
      return awarenessFlood(rnd, 1 + int(rnd, 2000), rnd() < 0.5 ? null : { user: { name: "flood" } });
  }
}

/**
 * Bit-flipped valid updates that change a copy of `base` and then throw: the class Yjs applies
 * halfway. `decodable`: only those that also decode whole (the room's pre-check lets them through).
 */
export function halfwayUpdates(base: Uint8Array, rnd: () => number, count: number, decodable = false, isMalformed?: (u: Uint8Array) => boolean): Uint8Array[] {
  const pool = validUpdates(base, rnd);
  const found: Uint8Array[] = [];
  for (let attempt = 0; found.length < count && attempt < 500_000; attempt++) {
    const candidate = mutate(pool[int(rnd, pool.length)], rnd);
    if (decodable && isMalformed?.(candidate)) continue;
    const copy = new Y.Doc();
    Y.applyUpdate(copy, base);
    let changed = false;
    copy.on("update", () => (changed = true));
    try {
      Y.applyUpdate(copy, candidate);
    } catch {
      if (changed) found.push(candidate);
    }
    copy.destroy();
  }
  if (found.length < count) throw new Error(`only ${found.length} halfway updates found`);
  return found;
}
