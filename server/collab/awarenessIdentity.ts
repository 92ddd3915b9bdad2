// Awareness (cursors, names) arrives from clients, who could claim to be anyone. Before the room
// applies a peer's awareness update, the identity in it is set from the account the connection
// authenticated as, and client ids that belong to another connection in this room are refused.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

export type Identity = { userId: string; userName: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The same y-protocols awareness update with every state's `user.id` and `user.name` (the Tiptap
 * caret fields) replaced by the account's. States without a `user` object pass as they are: they
 * carry no identity. Null when the update touches a client id that `mayUse` refuses; throws on
 * malformed input (the caller closes the peer).
 */
export function stampAwarenessIdentity(update: Uint8Array, identity: Identity, mayUse: (clientId: number) => boolean): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const encoder = encoding.createEncoder();
  const count = decoding.readVarUint(decoder);
  encoding.writeVarUint(encoder, count);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (!mayUse(clientId)) return null;
    const state: unknown = JSON.parse(json);
    let stamped = json;
    if (isRecord(state) && isRecord(state.user)) {
      stamped = JSON.stringify({ ...state, user: { ...state.user, id: identity.userId, name: identity.userName } });
    }
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, stamped);
  }
  return encoding.toUint8Array(encoder);
}
