// Cells for the trash's rows of the authorization table: a fresh document (owned by the matrix owner,
// shared with its editor and viewer), trashed or not, and after the request what really happened to
// it, so a refusal is seen to change nothing and a success to do exactly its one thing.
import type { Outcome, Probe } from "./probe";

type Target = { path: Record<string, string>; check?: (outcome: Outcome) => Promise<Outcome> };
type State = "live" | "trashed" | "gone";

async function stateOf(p: Probe, id: string): Promise<State> {
  const doc = await p.w.services.db.document.findUnique({ where: { id }, select: { deletedAt: true } });
  return !doc ? "gone" : doc.deletedAt ? "trashed" : "live";
}

/**
 * A scratch document, trashed first when `from` says so; the check passes when it ends `to` exactly
 * on `changedOn` and stays `from` on any other outcome.
 */
export function trashTarget(from: "live" | "trashed", to: State, changedOn: Outcome) {
  return async (p: Probe): Promise<Target> => {
    const id = await p.w.scratchDoc("Matrix trash");
    if (from === "trashed") await p.w.services.documents.remove(p.w.users.owner, id);
    return {
      path: { id },
      check: async (outcome) => {
        const now = await stateOf(p, id);
        const want = outcome === changedOn ? to : from;
        return now === want ? outcome : `${outcome} but the document is ${now}`;
      },
    };
  };
}

/** A trashed scratch document for the administrator's purge: gone exactly when the purge answered 200. */
export async function purgeTarget(p: Probe): Promise<Target> {
  const { path, check } = await trashTarget("trashed", "gone", 200)(p);
  return { path, check };
}
