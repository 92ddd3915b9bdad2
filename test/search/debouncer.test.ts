// When the indexer reads an edited document (server/search/editDebouncer.ts), on a fake clock.
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { EditDebouncer } from "../../server/search/editDebouncer";

let reads: Array<{ id: string; at: number }>;
let debouncer: EditDebouncer;
const finishRead = new Map<string, () => void>();
let holdReads = false;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
  reads = [];
  holdReads = false;
  debouncer = new EditDebouncer({ quietMs: 1_500, maxWaitMs: 4_000 }, async (id) => {
    reads.push({ id, at: performance.now() });
    if (holdReads) await new Promise<void>((resolve) => finishRead.set(id, resolve));
  });
});
afterEach(() => vi.useRealTimers());

const edit = (id: string) => debouncer.edited(id, performance.now());

test("read once, quietMs after the last edit", async () => {
  const start = performance.now();
  edit("a");
  await vi.advanceTimersByTimeAsync(1_000);
  edit("a");
  await vi.advanceTimersByTimeAsync(1_000);
  expect(reads).toEqual([]);
  await vi.advanceTimersByTimeAsync(600);
  expect(reads.map((r) => [r.id, r.at - start])).toEqual([["a", 2_500]]);
  await vi.advanceTimersByTimeAsync(10_000);
  expect(reads).toHaveLength(1);
  expect(debouncer.pending).toBe(0);
});

test("under continuous edits, every maxWaitMs", async () => {
  const start = performance.now();
  for (let t = 0; t < 10_000; t += 100) {
    edit("a");
    await vi.advanceTimersByTimeAsync(100);
  }
  await vi.advanceTimersByTimeAsync(2_000);
  // Every 4 s while the edits go on; the last one at 9,900 ms, then 1.5 s of quiet.
  expect(reads.map((r) => Math.round(r.at - start))).toEqual([4_000, 8_000, 11_400]);
});

test("documents are independent; edits during a read arm a new read after it", async () => {
  holdReads = true;
  edit("a");
  edit("b");
  await vi.advanceTimersByTimeAsync(1_500);
  expect(reads.map((r) => r.id)).toEqual(["a", "b"]);
  edit("a"); // while a's read is in flight
  holdReads = false;
  finishRead.get("a")?.();
  await vi.advanceTimersByTimeAsync(1_499);
  expect(reads.map((r) => r.id)).toEqual(["a", "b"]);
  await vi.advanceTimersByTimeAsync(1);
  expect(reads.map((r) => r.id)).toEqual(["a", "b", "a"]); // b, never edited again, is read once
  finishRead.get("b")?.();
  await vi.advanceTimersByTimeAsync(10_000);
  expect(reads).toHaveLength(3);
  expect(debouncer.pending).toBe(0);
});

test("cancel forgets a document; flush reads what waits and then ignores edits", async () => {
  edit("gone");
  debouncer.cancel("gone");
  edit("kept");
  await debouncer.flush();
  expect(reads.map((r) => r.id)).toEqual(["kept"]);
  edit("late");
  await vi.advanceTimersByTimeAsync(10_000);
  expect(reads.map((r) => r.id)).toEqual(["kept"]);
});
