// The search index's raw-SQL objects, which the schema-drift check leaves out (no Prisma model can
// describe them): the migrations create them on either database, and deleting a document takes its
// row out of the index (foreign key, and on SQLite the FTS5 trigger).
import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { documentWith, indexed, search } from "./helpers";

let server: TestServer;
let owner: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = new ApiClient(server.url);
  await owner.signup("Schema");
});
afterAll(async () => server?.stop());

test("the migrations create the index objects", async () => {
  const db = server.services.db;
  if (server.services.config.databaseKind === "sqlite") {
    const rows = await db.$queryRawUnsafe<Array<{ type: string; name: string; sql: string }>>(
      `SELECT type, name, sql FROM sqlite_master WHERE name LIKE 'DocumentSearch%' AND name NOT LIKE 'DocumentSearch\\_%' ESCAPE '\\' OR type = 'trigger' ORDER BY name`,
    );
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get("DocumentSearch")?.sql).toMatch(/USING fts5\(/);
    expect(byName.get("DocumentSearchText")?.type).toBe("table");
    expect(rows.filter((r) => r.type === "trigger").map((r) => r.name)).toEqual([
      "DocumentSearch_deleted",
      "DocumentSearch_inserted",
      "DocumentSearch_updated",
    ]);
  } else {
    const columns = await db.$queryRawUnsafe<Array<{ column_name: string; data_type: string; is_generated: string }>>(
      `SELECT column_name::text, data_type::text, is_generated::text FROM information_schema.columns WHERE table_name = 'DocumentSearch' AND column_name = 'vector'`,
    );
    expect(columns).toEqual([{ column_name: "vector", data_type: "tsvector", is_generated: "ALWAYS" }]);
    const indexes = await db.$queryRawUnsafe<Array<{ indexdef: string }>>(
      `SELECT indexdef::text FROM pg_indexes WHERE indexname = 'DocumentSearch_vector_idx'`,
    );
    expect(indexes[0]?.indexdef).toMatch(/USING gin \(vector\)/);
  }
});

test("a document deleted behind the server's back (no bus event) leaves nothing in the index", async () => {
  const word = `orphan${Date.now().toString(36)}`;
  const id = await documentWith(server, owner, word, [`${word} text`]);
  await indexed(server);
  expect((await search(owner, word)).map((r) => r.id)).toEqual([id]);
  await server.services.db.document.delete({ where: { id } });
  const table = server.services.config.databaseKind === "sqlite" ? "DocumentSearchText" : "DocumentSearch";
  const left = await server.services.db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "${table}" WHERE "documentId" = '${id}'`);
  expect(left).toEqual([]);
  if (server.services.config.databaseKind === "sqlite") {
    // The FTS5 table itself forgot the words (the trigger ran for the cascaded delete).
    const matches = await server.services.db.$queryRawUnsafe<unknown[]>(`SELECT rowid FROM "DocumentSearch" WHERE "DocumentSearch" MATCH ?`, `"${word}"`);
    expect(matches).toEqual([]);
  }
});
