// HTTP contract of GET /api/search?q=: documents the caller may see whose title or text matches,
// best first, each with an excerpt. Highlights are explicit ranges into the strings (never markup),
// so the browser renders them as text and nothing a document says can become HTML.
import { z } from "zod";
import { userText } from "../userText";
import { DocumentId } from "./ids";

export const SEARCH_QUERY_MAX = 200;
/** Most results one search answers with. */
export const SEARCH_RESULTS_MAX = 20;

// ---- request (the query string) ----
export const SearchQuery = z.object({
  q: z
    .string({ error: (issue) => (issue.input === undefined ? "add ?q= with the words to search for" : "must be text") })
    .pipe(userText().trim().min(1, "type a word to search for").max(SEARCH_QUERY_MAX, `must be at most ${SEARCH_QUERY_MAX} characters`)),
});

// ---- response ----
/** [start, end) in UTF-16 code units of the string it belongs to (String.prototype.slice). */
export const HighlightRange = z.strictObject({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });
export const SearchResult = z.strictObject({
  id: DocumentId,
  title: z.string(),
  /** One line of the document's text around the first match ("…" where it was cut). */
  snippet: z.string(),
  /** The matching words in `snippet`. */
  highlights: z.array(HighlightRange),
  /** The matching words in `title`. */
  titleHighlights: z.array(HighlightRange),
});
export const SearchResponse = z.strictObject({ results: z.array(SearchResult).max(SEARCH_RESULTS_MAX) });

export type HighlightRange = z.infer<typeof HighlightRange>;
export type SearchResult = z.infer<typeof SearchResult>;
export type SearchResponse = z.infer<typeof SearchResponse>;
