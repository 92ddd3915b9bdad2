// Item 8 of issue 12 (bodies): JSON is parsed only for the media type application/json exactly.
// Types another site can send without a CORS preflight (text/plain, form encodings) are refused even
// when a parameter or a suffix mentions JSON.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { isJsonContentType } from "../../server/http/body";

let server: TestServer;
let api: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  api = new ApiClient(server.url);
  await api.signup("Types");
});
afterAll(() => server?.stop());

const body = JSON.stringify({ title: "typed" });

describe("POST /api/documents by Content-Type", () => {
  const accepted = [
    "application/json",
    "application/json; charset=utf-8",
    "Application/JSON",
    'application/json;charset="UTF-8"',
    "application/json ; charset=utf-8",
  ];
  test.each(accepted)("accepted: %s", async (type) => {
    const res = await api.post("/api/documents", body, { "content-type": type });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  const refused = [
    "text/plain; charset=application/json",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=application/json",
    "text/plain;application/json",
    "application/jsonp",
    "application/json-patch+json",
    "application/vnd.api+json",
    "text/json",
    "application/json/x",
    "application/json, text/plain",
    "",
    "nonsense",
  ];
  test.each(refused)("415: %j", async (type) => {
    const before = (await api.get("/api/documents")).body.documents.length;
    const res = await api.post("/api/documents", body, { "content-type": type });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe("unsupported_media_type");
    expect(res.body.error.message).toMatch(/Content-Type: application\/json/);
    expect((await api.get("/api/documents")).body.documents.length).toBe(before);
  });

  test("no Content-Type at all with a body: 415", async () => {
    const res = await fetch(server.url + "/api/documents", { method: "POST", headers: { cookie: api.cookie }, body: new Blob([body]) });
    expect(res.status).toBe(415);
  });

  test("a body that is not JSON under the right type: 400, not 500", async () => {
    for (const bad of ["{", "nul", '{"title": "a"', "\u0000", "[1,]"]) {
      const res = await api.post("/api/documents", bad, { "content-type": "application/json" });
      expect(res.status, bad).toBe(400);
      expect(res.body.error.message).toMatch(/not valid JSON/);
    }
  });
});

test("isJsonContentType parses the media type, it does not search for a substring", () => {
  expect(isJsonContentType("application/json")).toBe(true);
  expect(isJsonContentType("text/plain; charset=application/json")).toBe(false);
  expect(isJsonContentType(undefined)).toBe(false);
  expect(isJsonContentType("application/json\u0000")).toBe(false);
});
