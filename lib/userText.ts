// Text a person typed, as every boundary accepts it (HTTP bodies, socket.io payloads; the browser
// shares this file). A lone UTF-16 surrogate ("\ud800", easy to send as a JSON escape) is not
// text (it cannot be written as UTF-8; stored or sent on, it answered 500), so it is refused at the
// edge with a message that names the field (zod's path, prefixed by fromZod on the server).
import { z } from "zod";

// In the browser, zod must not probe for eval (`new Function("")`, to compile fast object parsers):
// the page's CSP forbids eval, and the probe, though caught, is reported as a CSP violation on
// every page. Set before any schema is built (this module is imported by the shared schemas).
if (typeof window !== "undefined") z.config({ jitless: true });

export const BROKEN_TEXT_MESSAGE = "contains broken text (an unpaired surrogate character, often from a bad copy and paste); remove it and try again";

/** String.prototype.isWellFormed (ES2024), with a fallback for browsers older than 2023. */
export function isWellFormedText(s: string): boolean {
  const native = (s as string & { isWellFormed?: () => boolean }).isWellFormed;
  return typeof native === "function" ? native.call(s) : !/\p{Cs}/u.test(s);
}

/** z.string() for free text: chain .trim(), .min(), .max() on it as usual. */
export function userText() {
  return z.string().refine(isWellFormedText, { message: BROKEN_TEXT_MESSAGE, abort: true });
}
