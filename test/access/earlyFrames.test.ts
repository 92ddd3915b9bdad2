// Frames that arrive while a document's room is still loading wait in a queue bounded by count and,
// since frames may be up to 1 MiB each, by bytes: past either bound the socket is closed with 1013
// (try again later) instead of parking up to 256 MiB per connection. To hold the room in "loading"
// for as long as the test needs, the update log table is locked in PostgreSQL (the load reads it;
// signing in and the membership check, which now also reads the document's trash state, do not).
import { afterAll, beforeAll, expect, test } from "vitest";
import pg from "pg";
import { ApiClient, freshPostgresDatabase, startTestServer, type TestServer } from "../helpers/server";
import { CloseCode } from "../../lib/collab/closeCodes";
import { openRaw } from "../collab/wsClients";
import { MAX_BYTES_BEFORE_READY } from "../../server/collab/limits";
import { MAX_FRAMES_BEFORE_READY } from "../../server/collab/limits";

let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let server: TestServer | undefined;
beforeAll(async () => {
  database = await freshPostgresDatabase();
  if (database) server = await startTestServer({ DATABASE_URL: database.url });
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

test("frames before the room is ready are bounded by bytes too: 1013 past the byte bound, well under the count", async (ctx) => {
  if (!server || !database) return ctx.skip(); // needs PostgreSQL (see TOOLCHAIN.md)
  const api = new ApiClient(server.url, { origin: server.url });
  await api.signup("Ana");
  const documentId: string = (await api.post("/api/documents", { title: "Slow to open" })).body.id;

  const lock = new pg.Client({ connectionString: database.url });
  await lock.connect();
  try {
    await lock.query("BEGIN");
    await lock.query('LOCK TABLE "DocumentUpdate" IN ACCESS EXCLUSIVE MODE');
    const socket = openRaw(`${server.url.replace(/^http/, "ws")}/collab/${documentId}`, { cookie: api.cookie, origin: server.url });
    await socket.opened;
    const frame = Buffer.alloc(64 * 1024, 7);
    const frames = Math.ceil(MAX_BYTES_BEFORE_READY / frame.length) + 8;
    expect(frames).toBeLessThan(MAX_FRAMES_BEFORE_READY); // the count alone would let all of them wait
    for (let i = 0; i < frames; i++) socket.ws.send(frame);
    const closed = await Promise.race([socket.closed, new Promise<null>((r) => setTimeout(() => r(null), 5_000))]);
    expect(closed?.code).toBe(CloseCode.TryAgainLater); // while the room is still loading
  } finally {
    await lock.query("COMMIT").catch(() => {});
    await lock.end();
  }
});
