// The one rule for record ids in paths and payloads (HTTP params, socket.io events, /collab/<id>).
// Every id the app makes is a UUID (36 characters, crypto.randomUUID); 64 leaves room for another
// URL-safe format without letting a path or payload carry an unbounded string.
import { z } from "zod";
// Sets zod's browser mode (no eval probe, forbidden by our CSP) before any schema here parses:
// the client parses error bodies with these on pages that may load no other schema.
import "../userText";

export const ID_MAX = 64;

export const Id = z
  .string()
  .min(1)
  .max(ID_MAX)
  .regex(/^[A-Za-z0-9_-]+$/, "is not a valid id");

/** A document's id: the same rule, named for where it is read. */
export const DocumentId = Id;
