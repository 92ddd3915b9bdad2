// Structure-aware values for both fuzzers: a field's valid value most of the time, otherwise the
// wrong type, a huge or broken string, deep nesting or prototype keys. Shared so HTTP bodies and
// socket.io payloads are attacked with the same vocabulary.
import type { Rng } from "../support/prng";

export type FieldKind =
  | "email"
  | "password"
  | "name"
  | "title"
  | "id"
  | "role"
  | "bool"
  | "int"
  | "anchor"
  | "date"
  | "audience"
  | "severity"
  | "kind"
  | "path"
  | "markdown";

export type Ids = { victimDocId: string; playgroundId: string; other: string[] };

/** A random id shaped like a UUID (from the seed, so inputs replay exactly). */
export function uuidLike(r: Rng): string {
  const h = "0123456789abcdef";
  return `${r.chars(8, h)}-${r.chars(4, h)}-4${r.chars(3, h)}-a${r.chars(3, h)}-${r.chars(12, h)}`;
}

function valid(r: Rng, kind: FieldKind, ids: Ids): unknown {
  switch (kind) {
    case "email":
      return `${r.chars(r.range(1, 12))}@example.com`;
    case "password":
      return r.chars(r.range(8, 30));
    case "name":
    case "title":
      return r.chars(r.range(1, 30), "abcdefgh ijklmnop");
    case "id":
      return r.pick([ids.victimDocId, ids.playgroundId, ...ids.other, uuidLike(r)]);
    case "role":
      return r.pick(["editor", "viewer", "owner", "admin"]);
    case "bool":
      return r.chance(0.5);
    case "int":
      return r.range(1, 100);
    case "anchor":
      return Buffer.from(r.bytes(r.range(1, 40))).toString("base64");
    case "date":
      return new Date(Date.UTC(2026, 11, 1) + r.range(-1e9, 1e9)).toISOString();
    case "audience":
      return r.pick(["everyone", "users", "admins"]);
    case "severity":
      return r.pick(["info", "success", "warning", "critical"]);
    case "kind":
      return r.pick(["banner", "notification", "maintenance"]);
    case "path":
      return r.pick(["/documents/*", "/", "/admin", "*"]);
    case "markdown":
      return r.pick(["**bold**", "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>", "# h"]);
  }
}

/** Nesting `depth` levels deep, as arrays or objects. */
export function deep(r: Rng, depth: number): unknown {
  let v: unknown = r.chance(0.5) ? 1 : "x";
  const asObject = r.chance(0.5);
  for (let i = 0; i < depth; i++) v = asObject ? { a: v } : [v];
  return v;
}

/** The same nesting as JSON text, built without recursion (JSON.stringify would overflow first). */
export function deepText(depth: number, asObject: boolean): string {
  return asObject ? '{"a":'.repeat(depth) + "1" + "}".repeat(depth) : "[".repeat(depth) + "1" + "]".repeat(depth);
}

export function hostile(r: Rng, ids: Ids, maxString: number): unknown {
  return r.weighted<() => unknown>([
    [3, () => r.nastyString()],
    [2, () => "\ud800"],
    [1, () => "x".repeat(r.size(maxString))],
    [1, () => r.nastyString(5).repeat(r.size(maxString / 10) + 1)],
    [2, () => r.pick([0, -1, 1e308, -0, 2 ** 53 + 1, 0.5, NaN])],
    [2, () => r.pick([null, true, false, [], {}, [1, 2], { $gt: "" }])],
    [1, () => deep(r, r.range(10, 2000))],
    [1, () => JSON.parse('{"__proto__":{"isAdmin":true,"role":"owner"},"constructor":{"prototype":{"x":1}}}')],
    [1, () => valid(r, r.pick(["id", "email", "role", "date"] as FieldKind[]), ids)],
  ])();
}

/** An object shaped like `fields`, each field valid, hostile or missing; sometimes with extra keys. */
export function shaped(r: Rng, fields: Record<string, FieldKind>, ids: Ids, maxString: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const mutate = r.chance(0.8);
  for (const [key, kind] of Object.entries(fields)) {
    if (mutate && r.chance(0.15)) continue;
    out[key] = mutate && r.chance(0.35) ? hostile(r, ids, maxString) : valid(r, kind, ids);
  }
  if (r.chance(0.1)) out[r.pick(["__proto__", "isAdmin", "role", "ownerId", "userId", r.nastyString(8)])] = hostile(r, ids, 100);
  return out;
}
