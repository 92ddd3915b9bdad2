// Shared by the search tests: documents with text, written as the editor writes them (Tiptap keeps
// paragraphs in the Y.XmlFragment "default"), and a search call that returns the parsed answer.
import * as Y from "yjs";
import { expect } from "vitest";
import type { ApiClient, TestServer } from "../helpers/server";
import { collabOf } from "../../server/collab/collabChannel";
import { EDITOR_FIELD } from "../../server/collab/documentText";
import { SearchResponse, type SearchResult } from "../../lib/contracts/search";

export function appendParagraph(doc: Y.Doc, text: string): void {
  const fragment = doc.getXmlFragment(EDITOR_FIELD);
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.push([paragraph]);
}

/** A document owned by `owner`, its text set through the collab server (as an edit, like typing). */
export async function documentWith(server: TestServer, owner: ApiClient, title: string, paragraphs: string[]): Promise<string> {
  const created = await owner.post("/api/documents", { title });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  if (paragraphs.length > 0) {
    expect(await collabOf(server.services)!.edit(id, (doc) => paragraphs.forEach((p) => appendParagraph(doc, p)))).toBe(true);
  }
  return id;
}

/** Waits until nothing is waiting to be indexed (the debounce elapsed and the writes are done). */
export async function indexed(server: TestServer, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (server.services.search.stats().pending > 0) {
    if (Date.now() - start > timeoutMs) throw new Error("search index still busy");
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function search(client: ApiClient, q: string): Promise<SearchResult[]> {
  const res = await client.get(`/api/search?q=${encodeURIComponent(q)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const parsed = SearchResponse.safeParse(res.body);
  expect(parsed.success ? null : parsed.error.issues).toBeNull();
  return parsed.data!.results;
}

/** The highlighted parts of a string, as the page shows them. */
export const marked = (text: string, ranges: Array<{ start: number; end: number }>): string[] => ranges.map((r) => text.slice(r.start, r.end));
