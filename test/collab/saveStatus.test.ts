// The editor's save status: the whole decision table of saveStatus(), and the words shown for each.
import { describe, expect, test } from "vitest";
import { saveStatus, saveStatusText, type SaveInputs, type SaveStatus } from "../../lib/collab/saveStatus";

const base: SaveInputs = { link: "connected", unsaved: 0, readOnly: false, problem: null };
const problem = { why: "this document reached its size limit", next: "remove some content" };

const table: Array<[string, Partial<SaveInputs>, SaveStatus]> = [
  ["connected, everything acknowledged", {}, { kind: "saved" }],
  ["connected, changes not yet acknowledged", { unsaved: 3 }, { kind: "saving", changes: 3 }],
  ["still connecting with changes", { link: "connecting", unsaved: 1 }, { kind: "saving", changes: 1 }],
  ["still connecting, nothing of ours unsaved", { link: "connecting" }, { kind: "saved" }],
  ["offline with changes", { link: "offline", unsaved: 4 }, { kind: "offline", changes: 4 }],
  ["reconnecting with changes: they wait on this device", { link: "reconnecting", unsaved: 2 }, { kind: "offline", changes: 2 }],
  ["offline with nothing waiting", { link: "offline" }, { kind: "offline", changes: 0 }],
  ["a viewer", { readOnly: true }, { kind: "read-only" }],
  ["a viewer while offline", { readOnly: true, link: "offline" }, { kind: "read-only" }],
  [
    "made a viewer with changes unsaved",
    { readOnly: true, unsaved: 2 },
    { kind: "cant-save", why: "You can only view this document now, so 2 changes could not be saved", next: "ask an owner for edit access" },
  ],
  ["a refusal while editing", { problem, unsaved: 1 }, { kind: "cant-save", ...problem }],
  ["a refusal, nothing unsaved but still editing", { problem }, { kind: "cant-save", ...problem }],
  ["access ended, nothing unsaved: simply read-only", { problem, readOnly: true }, { kind: "read-only" }],
  ["access ended with changes unsaved", { problem, readOnly: true, unsaved: 5 }, { kind: "cant-save", ...problem }],
];

describe("saveStatus", () => {
  test.each(table)("%s", (_name, inputs, expected) => {
    expect(saveStatus({ ...base, ...inputs })).toEqual(expected);
  });

  test("the words: exactly the five statuses, with the count where it matters", () => {
    expect(saveStatusText({ kind: "saved" }).label).toBe("Saved");
    expect(saveStatusText({ kind: "saving", changes: 2 }).label).toBe("Saving…");
    expect(saveStatusText({ kind: "offline", changes: 1 }).label).toBe("Offline — 1 change kept on this device");
    expect(saveStatusText({ kind: "offline", changes: 12 }).label).toBe("Offline — 12 changes kept on this device");
    expect(saveStatusText({ kind: "read-only" }).label).toBe("Read-only");
    const cant = saveStatusText({ kind: "cant-save", ...problem });
    expect(cant.label).toBe("Can't save — this document reached its size limit");
    expect(cant.detail).toBe("To keep your work: remove some content.");
  });
});
