// What the editor says about the user's changes: exactly one of five statuses, decided here in one
// pure function (unit tested in saveStatus.test.ts). "Saved" means the server acknowledged every
// change as stored on its disk (lib/collab/durableAck.ts), never merely sent.

/** The live connection as the page sees it. */
export type LinkState = "connecting" | "connected" | "reconnecting" | "offline";

/** Why saving is impossible right now (a refusal or an ending from the server), in plain words. */
export type SaveProblem = { why: string; next: string };

export type SaveInputs = {
  link: LinkState;
  /** Local changes the server has not acknowledged as stored (this visit's and earlier ones'). */
  unsaved: number;
  /** The person may only read (viewer, or access ended). */
  readOnly: boolean;
  /** The server refused our changes or ended the session; null when nothing is wrong. */
  problem: SaveProblem | null;
};

export type SaveStatus =
  | { kind: "saved" }
  | { kind: "saving"; changes: number }
  | { kind: "offline"; changes: number }
  | { kind: "read-only" }
  | { kind: "cant-save"; why: string; next: string };

export function saveStatus({ link, unsaved, readOnly, problem }: SaveInputs): SaveStatus {
  // A problem only matters while something of ours is unsaved, or when it stops us editing at all.
  if (problem && (unsaved > 0 || !readOnly)) return { kind: "cant-save", why: problem.why, next: problem.next };
  if (readOnly) {
    if (unsaved === 0) return { kind: "read-only" };
    return {
      kind: "cant-save",
      why: `You can only view this document now, so ${changesText(unsaved)} could not be saved`,
      next: "ask an owner for edit access",
    };
  }
  switch (link) {
    case "offline":
    case "reconnecting":
      // The server is out of reach: whatever is unsaved waits on this device.
      return { kind: "offline", changes: unsaved };
    case "connecting":
    case "connected":
      return unsaved > 0 ? { kind: "saving", changes: unsaved } : { kind: "saved" };
    default:
      return unreachable(link);
  }
}

function unreachable(value: never): never {
  throw new Error(`unknown link state ${JSON.stringify(value)}`);
}

export function changesText(n: number): string {
  return n === 1 ? "1 change" : `${n} changes`;
}

/** The words shown, and the longer explanation for the tooltip. */
export function saveStatusText(status: SaveStatus): { label: string; detail: string } {
  switch (status.kind) {
    case "saved":
      return { label: "Saved", detail: "Every change is stored on the server." };
    case "saving":
      return { label: "Saving…", detail: `${changesText(status.changes)} on the way to the server.` };
    case "offline":
      return status.changes === 0
        ? { label: "Offline — nothing waiting to save", detail: "You are offline. Everything you wrote is stored on the server." }
        : {
            label: `Offline — ${changesText(status.changes)} kept on this device`,
            detail: "You are offline. Keep writing: your changes are kept in this browser and saved when the connection returns.",
          };
    case "read-only":
      return { label: "Read-only", detail: "You can read this document but not change it." };
    case "cant-save":
      return { label: `Can't save — ${status.why}`, detail: `To keep your work: ${status.next}.` };
    default:
      return unreachable(status);
  }
}
