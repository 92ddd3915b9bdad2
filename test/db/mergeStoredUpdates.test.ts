// Merging stored states for compaction in the hosted mode (snapshot + our state + other instances' rows).
import { expect, test } from "vitest";
import * as Y from "yjs";
import { mergeStoredUpdates } from "../../server/db/updateLogWriter";

function history(n: number) {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < n; i++) doc.getText("t").insert(i, String(i % 10));
  doc.getText("t").delete(0, 3);
  return { doc, updates };
}

test("the merge holds everything its parts hold, whatever overlaps between them", () => {
  const { doc, updates } = history(50);
  const state = Y.encodeStateAsUpdate(doc);
  const merged = mergeStoredUpdates([updates.slice(0, 20).reduce((a, b) => Y.mergeUpdates([a, b])), state, ...updates.slice(10)]);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, merged);
  expect(copy.getText("t").toString()).toBe(doc.getText("t").toString());
});

test("an update whose dependencies are missing is kept, and applies once they arrive", () => {
  const { doc, updates } = history(10);
  const merged = mergeStoredUpdates(updates.slice(5)); // the first five are not part of it
  const copy = new Y.Doc();
  Y.applyUpdate(copy, merged);
  expect(copy.getText("t").toString()).toBe("");
  for (const u of updates.slice(0, 5)) Y.applyUpdate(copy, u);
  expect(copy.getText("t").toString()).toBe(doc.getText("t").toString());
});
