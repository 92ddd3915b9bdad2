// The batch loader: lookups asked together are one read, the same key shares one answer, a read's
// failure reaches every caller of its batch, and a later lookup is a new read (nothing is cached).
import { expect, test } from "vitest";
import { BatchLoader } from "../../server/db/batchLoader";

function recordingLoader(maxBatch?: number, fail = false) {
  const reads: string[][] = [];
  let version = 0;
  const loader = new BatchLoader<string, string>(async (keys) => {
    reads.push(keys);
    version++;
    if (fail) throw new Error("database down");
    return new Map(keys.filter((k) => !k.startsWith("missing")).map((k) => [k, `${k}@${version}`]));
  }, maxBatch);
  return { loader, reads };
}

test("lookups asked in the same turn are one read; a repeated key is read once and shared", async () => {
  const { loader, reads } = recordingLoader();
  const answers = await Promise.all(["a", "b", "a", "missing-c"].map((k) => loader.load(k)));
  expect(reads).toEqual([["a", "b", "missing-c"]]);
  expect(answers).toEqual(["a@1", "b@1", "a@1", undefined]);
});

test("a lookup after a batch was read is a new read: answers are never reused", async () => {
  const { loader, reads } = recordingLoader();
  expect(await loader.load("a")).toBe("a@1");
  expect(await loader.load("a")).toBe("a@2");
  expect(reads).toHaveLength(2);
});

test("a batch larger than the limit is read in slices", async () => {
  const { loader, reads } = recordingLoader(2);
  const answers = await Promise.all(["a", "b", "c", "d", "e"].map((k) => loader.load(k)));
  expect(reads).toEqual([["a", "b"], ["c", "d"], ["e"]]);
  expect(answers.every((a) => a !== undefined)).toBe(true);
});

test("a failed read rejects every caller of its batch, and the next lookup reads again", async () => {
  const { loader, reads } = recordingLoader(undefined, true);
  const results = await Promise.allSettled([loader.load("a"), loader.load("b")]);
  expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  await expect(loader.load("a")).rejects.toThrow("database down");
  expect(reads).toHaveLength(2);
});
