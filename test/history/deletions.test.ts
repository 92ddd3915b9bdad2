// Who deleted what, and formatting-only changes, in the compare walk (server/history/compare.ts) on
// real Y.Docs: deletions recorded per client as the server records them per account (each update's
// delete set, DeletionRecorder), several deleters in one window, and the one-byte test the frame path uses.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { compareBlocks, type RawBlock } from "../../server/history/compare";
import { DeletionIndex, decodeDeleteSet, encodeDeleteSet, type DeletionRecord } from "../../server/history/deletionSets";

const A = 1;
const B = 2;
const C = 3;

/** Three editors of one document; every update each one makes is kept with its delete set. */
function setup() {
  const docs = new Map([A, B, C].map((c) => [c, new Y.Doc({ gc: false })]));
  for (const [c, d] of docs) d.clientID = c;
  const main = docs.get(A)!;
  const updates: { client: number; update: Uint8Array }[] = [];
  const as = (client: number, edit: (f: Y.XmlFragment) => void) => {
    const me = docs.get(client)!;
    const before = Y.encodeStateVector(me);
    const seen: Uint8Array[] = [];
    const listen = (u: Uint8Array) => seen.push(u);
    me.on("update", listen);
    me.transact(() => edit(me.getXmlFragment("default")));
    me.off("update", listen);
    updates.push(...seen.map((update) => ({ client, update })));
    const diff = Y.encodeStateAsUpdate(me, before);
    for (const [c, other] of docs) if (c !== client) Y.applyUpdate(other, diff);
  };
  /** The deletions of everyone's updates since `from` (index into updates), one record per client, in order of who deleted first. */
  const records = (from = 0): DeletionRecord[] => {
    const perClient = new Map<number, ReturnType<typeof Y.createDeleteSet>[]>();
    for (const { client, update } of updates.slice(from)) {
      const ds = Y.decodeUpdate(update).ds;
      if (ds.clients.size > 0) perClient.set(client, [...(perClient.get(client) ?? []), ds]);
    }
    return [...perClient].map(([client, sets], i) => ({
      accountId: `account-${client}`,
      at: new Date(1_000 + i),
      // stored and read back as the server does
      deleteSet: decodeDeleteSet(encodeDeleteSet(Y.mergeDeleteSets(sets))),
    }));
  };
  return { doc: main, as, updates, records, snap: () => Y.snapshot(main) };
}

function paragraph(text: string, name = "paragraph"): Y.XmlElement {
  const p = new Y.XmlElement(name);
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}
const textOf = (f: Y.XmlFragment, block: number) => (f.get(block) as Y.XmlElement).get(0) as Y.XmlText;
/** [change, text, who deleted it (account) or wrote it (client)] */
const runsOf = (blocks: RawBlock[], records: DeletionRecord[]) =>
  blocks.flatMap((b) => b.runs.map((r) => [r.change, r.text, r.deletion !== null ? records[r.deletion].accountId : r.client]));

describe("deletions attributed to who made them", () => {
  it("two deleters in one window: each removed stretch names its own deleter, even where their deletions touch", () => {
    const { doc, as, records, snap, updates } = setup();
    as(A, (f) => f.insert(0, [paragraph("Hello brave new world")]));
    const from = snap();
    const start = updates.length;
    as(C, (f) => textOf(f, 0).delete(6, 6)); // "brave "
    as(B, (f) => textOf(f, 0).delete(0, 6)); // "Hello " — right before C's deletion: Yjs merges the deleted items
    const recs = records(start);
    const blocks = compareBlocks(doc, from, snap(), new DeletionIndex(recs));
    expect(runsOf(blocks, recs)).toEqual([
      ["removed", "Hello ", "account-2"],
      ["removed", "brave ", "account-3"],
      ["same", "new world", null],
    ]);
  });

  it("three deleters, one of them deleting a whole block, another inside a block a third edits", () => {
    const { doc, as, records, snap, updates } = setup();
    as(A, (f) => f.insert(0, [paragraph("First line"), paragraph("Second line"), paragraph("Third line")]));
    const from = snap();
    const start = updates.length;
    as(B, (f) => f.delete(0, 1)); // the whole first block
    as(C, (f) => textOf(f, 0).delete(0, 7)); // "Second " (now block 0)
    as(A, (f) => textOf(f, 1).delete(5, 5)); // " line" of the third
    const recs = records(start);
    const blocks = compareBlocks(doc, from, snap(), new DeletionIndex(recs));
    expect(runsOf(blocks, recs)).toEqual([
      ["removed", "First line", "account-2"],
      ["removed", "Second ", "account-3"],
      ["same", "line", null],
      ["same", "Third", null],
      ["removed", " line", "account-1"],
    ]);
  });

  it("without a record (deletions older than the recorder), a removed run keeps its writer and no deleter", () => {
    const { doc, as, snap } = setup();
    as(A, (f) => f.insert(0, [paragraph("Hello world")]));
    const from = snap();
    as(B, (f) => textOf(f, 0).delete(0, 6));
    const blocks = compareBlocks(doc, from, snap());
    expect(blocks[0].runs.map((r) => [r.change, r.text, r.client, r.deletion])).toEqual([
      ["removed", "Hello ", A, null],
      ["same", "world", null, null],
    ]);
  });

  it("the index: the earlier record keeps an item both deleted (concurrently), and each stretch ends where its deleter changes", () => {
    // Built as the recorder builds them: an update's delete set, merged (Y.mergeDeleteSets sorts and joins).
    const ds = (client: number, clock: number, len: number) => {
      const doc = new Y.Doc({ gc: false });
      doc.clientID = client;
      doc.getText("t").insert(0, "x".repeat(clock + len));
      let update: Uint8Array = new Uint8Array();
      doc.on("update", (u: Uint8Array) => {
        update = u;
      });
      doc.getText("t").delete(clock, len);
      return Y.mergeDeleteSets([Y.decodeUpdate(update).ds]);
    };
    const recs: DeletionRecord[] = [
      { accountId: "first", at: new Date(1), deleteSet: ds(7, 10, 5) }, // 10..14
      { accountId: "second", at: new Date(2), deleteSet: ds(7, 5, 20) }, // 5..24, overlapping the first
    ];
    const index = new DeletionIndex(recs);
    expect(index.stretch(7, 4)).toEqual({ index: null, end: 5 });
    expect(index.stretch(7, 5)).toEqual({ index: 1, end: 10 });
    expect(index.stretch(7, 12)).toEqual({ index: 0, end: 15 });
    expect(index.stretch(7, 15)).toEqual({ index: 1, end: 25 });
    expect(index.stretch(7, 25)).toEqual({ index: null, end: Number.POSITIVE_INFINITY });
    expect(index.stretch(8, 0)).toEqual({ index: null, end: Number.POSITIVE_INFINITY });
  });

  it("an update ends with a zero byte exactly when it deletes nothing (the recorder's one-byte test)", () => {
    const { as, updates } = setup();
    as(A, (f) => f.insert(0, [paragraph("x".repeat(300))]));
    for (let i = 0; i < 40; i++) {
      const who = [A, B, C][i % 3];
      as(who, (f) => {
        const t = textOf(f, 0);
        if (i % 2 === 0) t.delete(i % 7, 1 + (i % 5) * 40);
        else t.insert(i % 11, "y".repeat(1 + i * 7));
        if (i % 5 === 0) t.format(0, 3, { bold: {} });
      });
    }
    for (const { update } of updates) {
      expect(update.at(-1) === 0).toBe(Y.decodeUpdate(update).ds.clients.size === 0);
    }
  });
});

describe("formatting-only changes", () => {
  it("bold added shows the bolded stretch as formatted by who bolded it; removing bold again is a change too", () => {
    const { doc, as, snap } = setup();
    as(A, (f) => f.insert(0, [paragraph("Hello world")]));
    const v1 = snap();
    as(C, (f) => textOf(f, 0).format(6, 5, { bold: {} }));
    const v2 = snap();
    expect(runsOf(compareBlocks(doc, v1, v2), [])).toEqual([
      ["same", "Hello ", null],
      ["formatted", "world", C],
    ]);
    as(B, (f) => textOf(f, 0).format(6, 5, { bold: null }));
    const v3 = snap();
    const back = compareBlocks(doc, v2, v3);
    expect(back[0].runs.map((r) => [r.change, r.text])).toEqual([
      ["same", "Hello "],
      ["formatted", "world"],
    ]);
    // v1 and v3 hold the same text with the same formatting: nothing changed.
    expect(compareBlocks(doc, v1, v3)[0].runs.map((r) => r.change)).toEqual(["same"]);
  });

  it("a heading's level changed: the block says so, with what it was and who changed it", () => {
    const { doc, as, snap } = setup();
    as(A, (f) => {
      const h = paragraph("Title", "heading");
      h.setAttribute("level", 1 as unknown as string);
      f.insert(0, [h]);
    });
    const from = snap();
    as(B, (f) => (f.get(0) as Y.XmlElement).setAttribute("level", 2 as unknown as string));
    const [block] = compareBlocks(doc, from, snap());
    expect(block.attrs).toEqual({ level: 2 });
    expect(block.runs.map((r) => r.change)).toEqual(["same"]);
    expect(block.format).toEqual({ client: B, clock: expect.any(Number), deletion: null, before: { level: 1 } });
  });
});

describe("a block whose type changed", () => {
  it("a paragraph made a heading (y-prosemirror writes a new element): the same text, formatted, by who did it", () => {
    const { doc, as, snap } = setup();
    as(A, (f) => f.insert(0, [paragraph("Intro"), paragraph("Body")]));
    const from = snap();
    as(B, (f) => {
      f.delete(0, 1);
      const h = paragraph("Intro", "heading");
      h.setAttribute("level", 2 as unknown as string);
      f.insert(0, [h]);
    });
    const blocks = compareBlocks(doc, from, snap());
    expect(blocks.map((b) => b.type)).toEqual(["heading", "paragraph"]);
    expect(blocks[0].runs.map((r) => [r.change, r.text])).toEqual([["same", "Intro"]]);
    expect(blocks[0].format).toEqual({ client: B, clock: expect.any(Number), deletion: null, before: {}, typeBefore: "paragraph" });
    expect(blocks[1].format).toBeUndefined();
  });

  it("three lines made one list: the list is one formatting change; other text added or removed stays so", () => {
    const { doc, as, snap } = setup();
    as(A, (f) => f.insert(0, [paragraph("one"), paragraph("two"), paragraph("three"), paragraph("gone")]));
    const from = snap();
    as(B, (f) => {
      f.delete(0, 4);
      const list = new Y.XmlElement("bulletList");
      list.insert(
        0,
        ["one", "two", "three"].map((t) => {
          const li = new Y.XmlElement("listItem");
          li.insert(0, [paragraph(t)]);
          return li;
        }),
      );
      f.insert(0, [list, paragraph("new")]);
    });
    const blocks = compareBlocks(doc, from, snap());
    // Not one group (the texts differ as a whole), so pairs by text: none match "gone" or "new".
    expect(blocks.map((b) => [b.type, b.runs.map((r) => r.change).join()])).toEqual([
      ["bulletList", "added"],
      ["paragraph", "added"],
      ["paragraph", "removed"],
      ["paragraph", "removed"],
      ["paragraph", "removed"],
      ["paragraph", "removed"],
    ]);
    // Without the unrelated edit, the lines become the list as one change.
    const { doc: doc2, as: as2, snap: snap2 } = setup();
    as2(A, (f) => f.insert(0, [paragraph("one"), paragraph("two")]));
    const from2 = snap2();
    as2(B, (f) => {
      f.delete(0, 2);
      const list = new Y.XmlElement("bulletList");
      list.insert(
        0,
        ["one", "two"].map((t) => {
          const li = new Y.XmlElement("listItem");
          li.insert(0, [paragraph(t)]);
          return li;
        }),
      );
      f.insert(0, [list]);
    });
    const [only, ...rest] = compareBlocks(doc2, from2, snap2());
    expect(rest).toEqual([]);
    expect(only.type).toBe("bulletList");
    expect(only.runs.map((r) => r.change)).toEqual(["same"]);
    expect(only.format?.typeBefore).toBe("paragraph");
  });

  it("text deleted and different text written is not a retype", () => {
    const { doc, as, snap } = setup();
    as(A, (f) => f.insert(0, [paragraph("old words")]));
    const from = snap();
    as(B, (f) => {
      f.delete(0, 1);
      f.insert(0, [paragraph("new words", "heading")]);
    });
    const blocks = compareBlocks(doc, from, snap());
    expect(blocks.map((b) => b.runs.map((r) => r.change).join())).toEqual(["added", "removed"]);
    expect(blocks.every((b) => b.format === undefined)).toBe(true);
  });
});
