// The compare walk (server/history/compare.ts) on real Y.Docs: one doc written by two clients, with
// snapshots taken between edits, as the version chain gives them (gc off, so deleted text keeps its content).
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { compareBlocks, type RawBlock } from "../../server/history/compare";

const A = 1;
const B = 2;

/** Two editors of one document; `as(client, edit)` makes an edit as that client and syncs the other. */
function setup() {
  const doc = new Y.Doc({ gc: false });
  doc.clientID = A;
  const other = new Y.Doc({ gc: false });
  other.clientID = B;
  const frag = (d: Y.Doc) => d.getXmlFragment("default");
  const as = (client: number, edit: (f: Y.XmlFragment) => void) => {
    const [me, them] = client === A ? [doc, other] : [other, doc];
    me.transact(() => edit(frag(me)));
    Y.applyUpdate(them, Y.encodeStateAsUpdate(me));
    Y.applyUpdate(me, Y.encodeStateAsUpdate(them));
  };
  return { doc, as, snap: () => Y.snapshot(doc) };
}

function paragraph(text: string, level?: number): Y.XmlElement {
  const p = new Y.XmlElement(level ? "heading" : "paragraph");
  if (level) p.setAttribute("level", level as unknown as string);
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}
const textOf = (f: Y.XmlFragment, block: number) => (f.get(block) as Y.XmlElement).get(0) as Y.XmlText;
const simple = (blocks: RawBlock[]) => blocks.map((b) => ({ type: b.type, runs: b.runs.map((r) => [r.change, r.text, r.client]) }));

describe("compareBlocks", () => {
  const cases: { name: string; edit: (as: ReturnType<typeof setup>["as"]) => void; expected: ReturnType<typeof simple> }[] = [
    {
      name: "insert in the middle",
      edit: (as) => as(B, (f) => textOf(f, 0).insert(6, "brave ")),
      expected: [
        {
          type: "paragraph",
          runs: [
            ["same", "Hello ", null],
            ["added", "brave ", B],
            ["same", "world", null],
          ],
        },
      ],
    },
    {
      name: "delete a word",
      edit: (as) => as(B, (f) => textOf(f, 0).delete(0, 6)),
      expected: [
        {
          type: "paragraph",
          runs: [
            ["removed", "Hello ", A],
            ["same", "world", null],
          ],
        },
      ],
    },
    {
      name: "insert and delete",
      edit: (as) =>
        as(B, (f) => {
          textOf(f, 0).delete(6, 5);
          textOf(f, 0).insert(6, "there");
        }),
      expected: [
        {
          type: "paragraph",
          runs: [
            ["same", "Hello ", null],
            ["removed", "world", A],
            ["added", "there", B],
          ],
        },
      ],
    },
    {
      name: "formatting only: the text is the same, the bolded word shows as formatted by its formatter",
      edit: (as) => as(B, (f) => textOf(f, 0).format(0, 5, { bold: {} })),
      expected: [
        {
          type: "paragraph",
          runs: [
            ["formatted", "Hello", B],
            ["same", " world", null],
          ],
        },
      ],
    },
    {
      name: "a block added",
      edit: (as) => as(B, (f) => f.insert(1, [paragraph("Second")])),
      expected: [
        { type: "paragraph", runs: [["same", "Hello world", null]] },
        { type: "paragraph", runs: [["added", "Second", B]] },
      ],
    },
    {
      name: "a block removed",
      edit: (as) => as(B, (f) => f.delete(0, 1)),
      expected: [{ type: "paragraph", runs: [["removed", "Hello world", A]] }],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const { doc, as, snap } = setup();
      as(A, (f) => f.insert(0, [paragraph("Hello world")]));
      const from = snap();
      c.edit(as);
      expect(simple(compareBlocks(doc, from, snap()))).toEqual(c.expected);
    });
  }

  it("from the origin, every run is added and carries its author (who wrote what)", () => {
    const { doc, as, snap } = setup();
    as(A, (f) => f.insert(0, [paragraph("Hello world", 2)]));
    as(B, (f) => textOf(f, 0).insert(11, "!"));
    const blocks = compareBlocks(doc, Y.emptySnapshot, snap());
    expect(simple(blocks)).toEqual([
      {
        type: "heading",
        runs: [
          ["added", "Hello world", A],
          ["added", "!", B],
        ],
      },
    ]);
    expect(blocks[0].attrs).toEqual({ level: 2 });
  });

  it("text written and deleted between the two points is not shown", () => {
    const { doc, as, snap } = setup();
    as(A, (f) => f.insert(0, [paragraph("Keep")]));
    const from = snap();
    as(B, (f) => textOf(f, 0).insert(4, " gone"));
    as(B, (f) => textOf(f, 0).delete(4, 5));
    expect(simple(compareBlocks(doc, from, snap()))).toEqual([{ type: "paragraph", runs: [["same", "Keep", null]] }]);
  });
});
