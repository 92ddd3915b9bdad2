// Document images end to end over HTTP on a real server (SQLite, or PostgreSQL with TEST_POSTGRES_URL):
// the type is read from the bytes, the size is limited, editors upload, members read with the right
// headers, everybody else is told nothing exists, and images go with their document.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { UPLOAD_LIMIT } from "../../server/domain/images";

const MAX = 4096; // IMAGE_MAX_BYTES for this server: small, so the limit is cheap to cross

// A real 1×1 PNG, and the first bytes of the other kinds (the server reads only the signature).
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("JFIF jpeg body")]);
const GIF = Buffer.concat([Buffer.from("GIF89a"), Buffer.from([1, 0, 1, 0, 0, 0, 0])]);
const WEBP = Buffer.concat([Buffer.from("RIFF"), Buffer.from([20, 0, 0, 0]), Buffer.from("WEBPVP8 lossy body")]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>');

let server: TestServer;
let owner: ApiClient;
let editor: ApiClient;
let viewer: ApiClient;
let outsider: ApiClient;

beforeAll(async () => {
  server = await startTestServer({ IMAGE_MAX_BYTES: String(MAX) });
  owner = new ApiClient(server.url);
  editor = new ApiClient(server.url);
  viewer = new ApiClient(server.url);
  outsider = new ApiClient(server.url);
  await owner.signup("Owner");
  const e = await editor.signup("Editor");
  const v = await viewer.signup("Viewer");
  await outsider.signup("Outsider");
  Object.assign(editor, { email: e.email });
  Object.assign(viewer, { email: v.email });
});
afterAll(async () => server?.stop());

async function sharedDoc(title = "With pictures"): Promise<string> {
  const doc = await owner.post("/api/documents", { title });
  expect(doc.status).toBe(201);
  for (const [client, role] of [
    [editor, "editor"],
    [viewer, "viewer"],
  ] as const) {
    const email = (client as unknown as { email: string }).email;
    expect((await owner.post(`/api/documents/${doc.body.id}/members`, { email, role })).status).toBe(201);
  }
  return doc.body.id;
}

/** A browser's upload: the raw file as the body, its declared type, the session cookie, our Origin. */
async function upload(client: ApiClient, documentId: string, bytes: Buffer, type = "image/png") {
  const res = await fetch(`${server.url}/api/documents/${documentId}/images`, {
    method: "POST",
    headers: { "content-type": type, cookie: client.cookie, origin: server.url },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: await res.json() };
}

async function fetchImage(client: ApiClient | null, url: string, headers: Record<string, string> = {}) {
  const res = await fetch(server.url + url, { headers: { ...(client ? { cookie: client.cookie } : {}), ...headers } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const imageRows = (documentId: string) => server.services.db.documentImage.count({ where: { documentId } });

describe("uploading", () => {
  test("an editor's PNG is stored and served to members with its type, nosniff and a long private cache", async () => {
    const doc = await sharedDoc();
    const res = await upload(editor, doc, PNG);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), url: `/api/images/${res.body.id}` });
    for (const member of [owner, editor, viewer]) {
      const got = await fetchImage(member, res.body.url);
      expect(got.status).toBe(200);
      expect(got.headers.get("content-type")).toBe("image/png");
      expect(got.headers.get("x-content-type-options")).toBe("nosniff");
      expect(got.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
      expect(got.headers.get("cross-origin-resource-policy")).toBe("same-origin");
      expect(got.bytes.equals(PNG)).toBe(true);
    }
    const etag = (await fetchImage(viewer, res.body.url)).headers.get("etag") ?? "";
    expect((await fetchImage(viewer, res.body.url, { "if-none-match": etag })).status).toBe(304);
  });

  test("the stored type comes from the bytes, whatever was declared", async () => {
    const doc = await sharedDoc();
    for (const [bytes, type] of [
      [JPEG, "image/jpeg"],
      [GIF, "image/gif"],
      [WEBP, "image/webp"],
      [PNG, "image/png"],
    ] as const) {
      const res = await upload(owner, doc, bytes, "application/octet-stream");
      expect(res.status).toBe(201);
      expect((await fetchImage(owner, res.body.url)).headers.get("content-type")).toBe(type);
    }
    // Declared a PNG, is a JPEG: served as what it is.
    const other = await sharedDoc();
    const res = await upload(owner, other, JPEG, "image/png");
    expect((await fetchImage(owner, res.body.url)).headers.get("content-type")).toBe("image/jpeg");
  });

  test("SVG and garbage are refused (415) and nothing is stored", async () => {
    const doc = await sharedDoc();
    const svgDeclared = await upload(editor, doc, SVG, "image/svg+xml");
    expect(svgDeclared.status).toBe(415);
    expect(svgDeclared.body.error.message).toMatch(/PNG, JPEG, GIF or WebP/);
    expect((await upload(editor, doc, SVG, "image/png")).status).toBe(415);
    expect((await upload(editor, doc, Buffer.from("just some text, not a picture"), "image/png")).status).toBe(415);
    expect((await upload(editor, doc, Buffer.from('{"a":1}'), "application/json")).status).toBe(415);
    expect((await upload(editor, doc, Buffer.alloc(0), "image/png")).status).toBe(400);
    expect(await imageRows(doc)).toBe(0);
  });

  test("an image over IMAGE_MAX_BYTES is refused (413) in plain words and not stored", async () => {
    const doc = await sharedDoc();
    const big = Buffer.concat([PNG, Buffer.alloc(MAX)]);
    const res = await upload(editor, doc, big);
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/larger than/);
    // Exactly at the limit is fine.
    expect((await upload(editor, doc, Buffer.concat([PNG, Buffer.alloc(MAX - PNG.length)]))).status).toBe(201);
    expect(await imageRows(doc)).toBe(1);
  });

  test("the same image twice in a document is stored once", async () => {
    const doc = await sharedDoc();
    const a = await upload(editor, doc, GIF, "image/gif");
    const b = await upload(owner, doc, GIF, "image/gif");
    expect(b.body.id).toBe(a.body.id);
    expect(await imageRows(doc)).toBe(1);
  });
});

describe("who may", () => {
  test("a viewer may not upload (403), an outsider is told the document does not exist (404), signed out 401", async () => {
    const doc = await sharedDoc();
    expect((await upload(viewer, doc, PNG)).status).toBe(403);
    expect((await upload(outsider, doc, PNG)).status).toBe(404);
    expect((await upload(new ApiClient(server.url), doc, PNG)).status).toBe(401);
    expect(await imageRows(doc)).toBe(0);
  });

  test("only members see an image: an outsider gets 404, as for an id that never existed; signed out 401", async () => {
    const doc = await sharedDoc();
    const { body } = await upload(editor, doc, PNG);
    const stranger = await fetchImage(outsider, body.url);
    expect(stranger.status).toBe(404);
    expect(stranger.headers.get("content-type")).toMatch(/json/);
    expect((await fetchImage(outsider, "/api/images/no-such-image")).status).toBe(404);
    expect((await fetchImage(null, body.url)).status).toBe(401);
  });

  test("a guest in through a share link sees the document's images, and only while the link lives", async () => {
    const doc = await sharedDoc();
    const other = await sharedDoc("Another");
    const { body } = await upload(editor, doc, PNG);
    const otherImage = (await upload(editor, other, GIF, "image/gif")).body;
    const link = await owner.post(`/api/documents/${doc}/links`, { role: "viewer" }, { origin: server.url });
    expect(link.status).toBe(201);
    const guest = new ApiClient(server.url, { origin: server.url });
    expect((await guest.post("/api/links/open", { token: String(link.body.url).split("/s/")[1] })).status).toBe(200);

    const seen = await fetchImage(guest, body.url);
    expect(seen.status).toBe(200);
    expect(seen.bytes.equals(PNG)).toBe(true);
    // The link opens this document only: another document's image stays hidden.
    expect((await fetchImage(guest, otherImage.url)).status).toBe(401);
    expect((await owner.delete(`/api/documents/${doc}/links/${link.body.id}`, { origin: server.url })).status).toBe(204);
    expect((await fetchImage(guest, body.url)).status).toBe(401);
  });

  test("an upload from another site is refused", async () => {
    const doc = await sharedDoc();
    const res = await fetch(`${server.url}/api/documents/${doc}/images`, {
      method: "POST",
      headers: { "content-type": "image/png", cookie: editor.cookie, origin: "https://evil.example" },
      body: new Uint8Array(PNG),
    });
    expect(res.status).toBe(403);
    expect(await imageRows(doc)).toBe(0);
  });

  test(`uploads are limited per account (${UPLOAD_LIMIT.points} per ${UPLOAD_LIMIT.durationSeconds / 60} minutes)`, async () => {
    const busy = new ApiClient(server.url);
    await busy.signup("Busy");
    const doc = (await busy.post("/api/documents", { title: "Many" })).body.id;
    for (let i = 0; i < UPLOAD_LIMIT.points; i++) expect((await upload(busy, doc, PNG)).status).toBe(201);
    const refused = await upload(busy, doc, PNG);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/Try again in \d+ minute/);
    // Another account is not affected.
    const other = await sharedDoc();
    expect((await upload(editor, other, PNG)).status).toBe(201);
  });
});

describe("images go with their document", () => {
  test("trashed: members get 404; deleted for good: the rows are gone", async () => {
    const doc = await sharedDoc();
    const { body } = await upload(editor, doc, PNG);
    expect((await owner.delete(`/api/documents/${doc}`)).status).toBe(204);
    expect((await fetchImage(viewer, body.url)).status).toBe(404);
    expect((await fetchImage(owner, body.url)).status).toBe(404);
    expect((await owner.post(`/api/trash/${doc}/restore`, {})).status).toBe(200);
    expect((await fetchImage(viewer, body.url)).status).toBe(200);
    expect((await owner.delete(`/api/documents/${doc}`)).status).toBe(204);
    expect((await owner.delete(`/api/trash/${doc}`)).status).toBe(204);
    expect(await imageRows(doc)).toBe(0);
    expect((await fetchImage(owner, body.url)).status).toBe(404);
  });

  test("the purge of expired trash takes their images too", async () => {
    const doc = await sharedDoc();
    await upload(editor, doc, JPEG, "image/jpeg");
    expect((await owner.delete(`/api/documents/${doc}`)).status).toBe(204);
    expect(await server.services.trash.purge(new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);
    expect(await imageRows(doc)).toBe(0);
  });
});
