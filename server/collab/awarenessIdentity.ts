// Awareness (cursors, names) arrives from clients, who could claim to be anyone. Before the room
// applies a peer's awareness update, the identity in it is set from the account the connection
// authenticated as, and client ids that belong to another connection in this room are refused.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

export type Identity = { userId: string; userName: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** What to do with one client id of an update: keep it, leave just it out, or refuse the whole update. */
export type AwarenessDecision = "keep" | "skip" | "refuse";

/**
 * The same y-protocols awareness update with every state's `user.id` and `user.name` (the Tiptap
 * caret fields) replaced by the account's. States without a `user` object pass as they are: they
 * carry no identity. `decide` is asked about each client id (`removal`: its state is null). Null when
 * it refuses one; undefined when every entry was skipped; throws on malformed input (the caller
 * closes the peer).
 */
export function stampAwarenessIdentity(
  update: Uint8Array,
  identity: Identity,
  decide: (clientId: number, removal: boolean) => AwarenessDecision,
): Uint8Array | null | undefined {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: Array<{ clientId: number; clock: number; json: string }> = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    const state: unknown = JSON.parse(json);
    const decision = decide(clientId, state === null);
    if (decision === "refuse") return null;
    if (decision === "skip") continue;
    let stamped = json;
    if (isRecord(state) && isRecord(state.user)) {
      stamped = JSON.stringify({ ...state, user: { ...state.user, id: identity.userId, name: identity.userName } });
    }
    entries.push({ clientId, clock, json: stamped });
  }
  if (entries.length === 0) return undefined;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}
