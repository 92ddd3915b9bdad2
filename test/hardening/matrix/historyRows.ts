// The authorization table's rows for version history (server/api/historyRoutes.ts): members list, view,
// compare and copy; writers name, rename and restore (tokens need documents:write); only the owner
// deletes a version, with a session. Each cell gets a fresh document with one named version and
// checks what really happened, so a refusal is seen to change nothing.
import { dead, tokens, outsider, members, writers, http, type Row } from "./cells";
import { NEEDS_WRITE, SESSION_ONLY } from "./refusal";
import type { Outcome, Probe } from "./probe";

type Target = { path: Record<string, string>; check?: (outcome: Outcome) => Promise<Outcome> };

async function versioned(p: Probe): Promise<{ id: string; versionId: string }> {
  const id = await p.w.scratchDoc("Matrix history");
  const version = await p.w.services.history.name(p.w.users.owner, id, "Matrix version");
  return { id, versionId: version.id };
}

/** A fresh versioned document; `measure` reads what the cell's action changes, which must change exactly on `changedOn`. */
function historyTarget(changedOn: Outcome | null, measure?: (p: Probe, t: { id: string; versionId: string }) => Promise<unknown>) {
  return async (p: Probe): Promise<Target> => {
    const t = await versioned(p);
    const before = measure ? await measure(p, t) : undefined;
    return {
      path: t,
      check: async (outcome) => {
        if (!measure) return outcome;
        const did = (await measure(p, t)) !== before;
        return did === (outcome === changedOn) ? outcome : `${outcome} but it ${did ? "happened" : "did not happen"}`;
      },
    };
  };
}

const versionCount = (p: Probe, t: { id: string }) => p.w.services.db.documentVersion.count({ where: { documentId: t.id } });
const versionName = async (p: Probe, t: { versionId: string }) =>
  (await p.w.services.db.documentVersion.findUnique({ where: { id: t.versionId }, select: { name: true } }))?.name ?? "(gone)";
const versionExists = (p: Probe, t: { versionId: string }) => p.w.services.db.documentVersion.count({ where: { id: t.versionId } });
const copies = (p: Probe) => p.w.services.db.document.count({ where: { title: "Copy of Matrix history" } });

export const HISTORY_ROWS: Row[] = [
  {
    channel: "http",
    action: "GET /api/documents/:id/versions",
    perform: http("GET", "/api/documents/:id/versions"),
    expect: { ...dead(401), ...outsider(404), ...members(200), ...tokens(200) },
  },
  {
    channel: "http",
    action: "POST /api/documents/:id/versions",
    perform: http("POST", "/api/documents/:id/versions", { body: () => ({ name: "Matrix named" }), setup: historyTarget(201, versionCount) }),
    expect: { ...dead(401), ...outsider(404), viewer: 403, ...writers(201), ...tokens(NEEDS_WRITE, 201) },
  },
  {
    channel: "http",
    action: "GET /api/documents/:id/versions/:versionId",
    perform: http("GET", "/api/documents/:id/versions/:versionId", { setup: historyTarget(null) }),
    expect: { ...dead(401), ...outsider(404), ...members(200), ...tokens(200) },
  },
  {
    channel: "http",
    action: "PATCH /api/documents/:id/versions/:versionId",
    perform: http("PATCH", "/api/documents/:id/versions/:versionId", { body: () => ({ name: "Renamed" }), setup: historyTarget(200, versionName) }),
    expect: { ...dead(401), ...outsider(404), viewer: 403, ...writers(200), ...tokens(NEEDS_WRITE, 200) },
  },
  {
    channel: "http",
    action: "DELETE /api/documents/:id/versions/:versionId",
    perform: http("DELETE", "/api/documents/:id/versions/:versionId", { setup: historyTarget(204, versionExists) }),
    expect: { ...dead(401), ...outsider(404), viewer: 403, editor: 403, owner: 204, ...tokens(SESSION_ONLY) },
  },
  {
    channel: "http",
    action: "POST /api/documents/:id/versions/:versionId/restore",
    // A restore first keeps a restore point: one more version exactly when it happened.
    perform: http("POST", "/api/documents/:id/versions/:versionId/restore", { setup: historyTarget(200, versionCount) }),
    expect: { ...dead(401), ...outsider(404), viewer: 403, ...writers(200), ...tokens(NEEDS_WRITE, 200) },
  },
  {
    channel: "http",
    action: "POST /api/documents/:id/versions/:versionId/copy",
    perform: http("POST", "/api/documents/:id/versions/:versionId/copy", { setup: historyTarget(201, copies) }),
    expect: { ...dead(401), ...outsider(404), ...members(201), ...tokens(NEEDS_WRITE, 201) },
  },
  {
    channel: "http",
    action: "GET /api/documents/:id/compare",
    perform: http("GET", "/api/documents/:id/compare?from=origin&to=current"),
    covers: "GET /api/documents/:id/compare",
    expect: { ...dead(401), ...outsider(404), ...members(200), ...tokens(200) },
  },
];
