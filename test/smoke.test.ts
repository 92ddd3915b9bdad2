import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "./helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

test("signup then me", async () => {
  const c = new ApiClient(server.url);
  const u = await c.signup("Ana");
  const me = await c.get("/api/me");
  expect(me.status).toBe(200);
  expect(me.body.user.email).toBe(u.email);
  expect(me.body.user.isAdmin).toBe(true);
});
