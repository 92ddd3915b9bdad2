// The trash's timer: one purge at start, then one an hour; a failing purge is logged, not thrown.
import { afterEach, expect, test, vi } from "vitest";
import { startTrashPurger, TRASH_PURGE_EVERY_MS } from "../../server/domain/trashPurger";
import type { Trash } from "../../server/domain/trash";
import type { Logger } from "../../server/log";

afterEach(() => {
  vi.useRealTimers();
});

test("purges at start and every hour until stopped", async () => {
  vi.useFakeTimers();
  const purgeExpired = vi.fn(async () => 2);
  const log = { info: vi.fn(), error: vi.fn() };
  const stop = startTrashPurger({ purgeExpired } as unknown as Trash, log as unknown as Logger);
  expect(purgeExpired).toHaveBeenCalledTimes(1);
  await vi.advanceTimersByTimeAsync(TRASH_PURGE_EVERY_MS - 1);
  expect(purgeExpired).toHaveBeenCalledTimes(1);
  await vi.advanceTimersByTimeAsync(1);
  expect(purgeExpired).toHaveBeenCalledTimes(2);
  expect(log.info).toHaveBeenCalledWith({ purged: 2 }, expect.any(String));
  stop();
  await vi.advanceTimersByTimeAsync(3 * TRASH_PURGE_EVERY_MS);
  expect(purgeExpired).toHaveBeenCalledTimes(2);
  expect(TRASH_PURGE_EVERY_MS).toBe(3600_000);
});

test("a failed purge is logged and the next one still runs", async () => {
  vi.useFakeTimers();
  const purgeExpired = vi.fn(async () => {
    throw new Error("database away");
  });
  const log = { info: vi.fn(), error: vi.fn() };
  const stop = startTrashPurger({ purgeExpired } as unknown as Trash, log as unknown as Logger);
  await vi.advanceTimersByTimeAsync(TRASH_PURGE_EVERY_MS);
  expect(purgeExpired).toHaveBeenCalledTimes(2);
  expect(log.error).toHaveBeenCalledTimes(2);
  stop();
});
