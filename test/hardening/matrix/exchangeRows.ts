// The authorization table's rows for import and export (server/api/exchangeRoutes.ts): any member may
// export a document (viewers too; tokens with documents:read), every account its own archive; importing
// creates a document, so it needs documents:write.
import { dead, tokens, signedIn, outsider, members, http, madeCheck, type Row } from "./cells";
import { NEEDS_WRITE } from "./refusal";

export const EXCHANGE_ROWS: Row[] = [
  {
    channel: "http",
    action: "GET /api/documents/:id/export",
    perform: http("GET", "/api/documents/:id/export?format=md"),
    covers: "GET /api/documents/:id/export",
    expect: { ...dead(401), ...outsider(404), ...members(200), ...tokens(200) },
  },
  {
    channel: "http",
    action: "GET /api/documents/:id/export-pages",
    perform: http("GET", "/api/documents/:id/export-pages"),
    expect: { ...dead(401), ...outsider(404), ...members(200), ...tokens(200) },
  },
  { channel: "http", action: "GET /api/export", perform: http("GET", "/api/export"), expect: { ...dead(401), ...signedIn(200), ...tokens(200) } },
  {
    channel: "http",
    action: "POST /api/documents/import",
    perform: http("POST", "/api/documents/import", {
      body: () => ({ format: "markdown", fileName: "matrix.md", text: "# Matrix import\n" }),
      setup: madeCheck((p) => p.w.services.db.document.count(), 201, "a document"),
    }),
    expect: { ...dead(401), ...signedIn(201), ...tokens(NEEDS_WRITE, 201) },
  },
];
