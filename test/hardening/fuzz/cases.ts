// Inputs the fuzzers found failing, kept as named cases: each replays its seed on every run (short and
// long) as a test of its own, so a bug that comes back has a name. A seed means something only to the
// generator that made it, so each case also keeps the generator's label for it: when a generator
// change makes the seed produce something else, the case fails and says so (re-find the input and
// update the seed, do not delete the case). Add a case from the line a failing run prints.
export type NamedCase = { name: string; channel: "http" | "socket.io"; seed: number; label: string };

// HTTP seeds re-found 2026-12-03 when the fuzzer's route list grew (same label, same kind of input:
// malformed percent escapes, the same body and content type).
export const NAMED_CASES: NamedCase[] = [
  // Found 2026-12-01 against 6d3fe65: decodeURIComponent threw in Router.match, outside any handler; in
  // a process of its own that is an unhandled rejection, and the whole server exited (issue 12, item 4).
  {
    name: "percent garbage in a document id crashed the server",
    channel: "http",
    seed: 112717,
    label: "POST /api/documents/:id/members path:route auth:none body:surrogate",
  },
  {
    name: "percent garbage in an announcement id crashed the server",
    channel: "http",
    seed: 2288,
    label: "DELETE /api/admin/announcements/:id path:route auth:cookie",
  },
  // Lone surrogate escapes in JSON bodies answered 500 (issue 12, item 9).
  {
    name: "a lone surrogate in a sign-up body answered 500",
    channel: "http",
    seed: 218,
    label: "POST /api/auth/signup path:route auth:junk body:surrogate",
  },
  { name: "a lone surrogate in a token name answered 500", channel: "http", seed: 2624, label: "POST /api/tokens path:route auth:cookie body:surrogate" },
  // JSON parsed from bodies that are not application/json (CORS-simple types; issue 12, item 8).
  {
    name: "a document created from text/plain; charset=application/json",
    channel: "http",
    seed: 103657,
    label: "POST /api/documents path:route auth:cookie body:shaped",
  },
  {
    name: "a document created from 'application/json, text/plain'",
    channel: "http",
    seed: 23287,
    label: "POST /api/documents path:route auth:cookie body:shaped",
  },
  // Lone surrogates in comments answered "internal" (issue 12, item 9).
  {
    name: "a lone surrogate in a comment's quote acked internal",
    channel: "socket.io",
    seed: 2490471602,
    label: "cookie event:mention:notify surrogate:comment:create.quote",
  },
  {
    name: "a lone surrogate in a comment's body acked internal",
    channel: "socket.io",
    seed: 2699539214,
    label: "cookie surrogate:comment:create.body event:eee event:doc:leave",
  },
];
