// The close-code table: every code carries a reason a WebSocket can send, and no code is used twice.
import { expect, test } from "vitest";
import { CloseCode, CloseEvents, CloseVariants, isPermanentClose } from "../../lib/collab/closeCodes";

const events = Object.entries(CloseEvents);
const variants = Object.entries(CloseVariants);

test("each variant says more under a code of the table, in words of its own", () => {
  const codes = new Set(events.map(([, e]) => e.code as number));
  const reasons = new Set(events.map(([, e]) => e.reason as string));
  for (const [name, v] of variants) {
    expect(codes.has(v.code), name).toBe(true);
    expect(reasons.has(v.reason), name).toBe(false);
  }
  expect(new Set(variants.map(([, v]) => v.reason)).size).toBe(variants.length);
});

test.each([...events, ...variants])("%s has a non-empty reason within the 123-byte WebSocket limit", (_name, event) => {
  expect(event.reason.trim()).not.toBe("");
  expect(Buffer.byteLength(event.reason, "utf8")).toBeLessThanOrEqual(123);
});

test("codes are unique and valid WebSocket close codes", () => {
  const codes = events.map(([, e]) => e.code);
  expect(new Set(codes).size).toBe(codes.length);
  // 1000-2999 are the protocol's registered codes, 4000-4999 the application's.
  for (const code of codes) expect((code >= 1000 && code < 3000) || (code >= 4000 && code < 5000)).toBe(true);
});

test("an internal server error (1011) is in the table", () => {
  expect(CloseEvents.InternalError).toEqual({ code: 1011, reason: expect.any(String) });
});

test("CloseCode is the table's codes by the same names", () => {
  expect(Object.keys(CloseCode)).toEqual(Object.keys(CloseEvents));
  for (const [name, event] of events) expect(CloseCode[name as keyof typeof CloseCode]).toBe(event.code);
  expect(CloseCode.Forbidden).toBe(4403);
});

test("only the 44xx codes stop the client reconnecting", () => {
  const permanent = events.filter(([, e]) => isPermanentClose(e.code)).map(([name]) => name);
  expect(permanent.sort()).toEqual(["ChangeRefused", "DocumentDeleted", "Forbidden", "Unauthorized"]);
});
