// Issue 16: a Word file's pictures go through the image upload's own rule (server/domain/images.ts):
// the same allowance per account (an import cannot store more than uploads could, and one that would
// is refused whole), the same kinds and size. Word files with photos get their own, larger limit
// (IMPORT_MAX_ARCHIVE_BYTES) while text keeps the small one, and a zip bomb is refused in plain words.
// Real server, SQLite or PostgreSQL.
import crypto from "node:crypto";
import { Document, ImageRun, Packer, Paragraph } from "docx";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { UPLOAD_LIMIT } from "../../server/domain/images";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** A PNG no other one equals (its own trailing bytes), of about `size` bytes that do not compress (like a photo). */
const distinctPng = (size = PNG.length + 8) => Buffer.concat([PNG, crypto.randomBytes(Math.max(8, size - PNG.length))]);

type Picture = { type: "png" | "bmp"; data: Buffer };

function wordFile(pictures: Picture[], heading = "Album"): Promise<Buffer> {
  const runs = pictures.map(
    (p, i) =>
      new Paragraph({
        children: [
          new ImageRun({
            type: p.type,
            data: p.data,
            transformation: { width: 10, height: 10 },
            altText: { name: `p${i}`, description: `Picture ${i}`, title: `p${i}` },
          }),
        ],
      }),
  );
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ text: heading, heading: "Heading1" }), ...runs] }] }));
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

async function signedUp(name: string, on = server): Promise<ApiClient> {
  const client = new ApiClient(on.url);
  await client.signup(name);
  return client;
}

async function upload(client: ApiClient, name: string, content: string | Uint8Array, on = server) {
  const form = new FormData();
  form.append("file", new Blob([typeof content === "string" ? content : new Uint8Array(content)]), name);
  const res = await fetch(`${on.url}/api/documents/import`, { method: "POST", body: form, headers: { cookie: client.cookie } });
  return { status: res.status, body: await res.json() };
}

async function uploadImage(client: ApiClient, documentId: string, bytes: Buffer) {
  const res = await fetch(`${server.url}/api/documents/${documentId}/images`, {
    method: "POST",
    body: new Uint8Array(bytes),
    headers: { cookie: client.cookie, "content-type": "image/png" },
  });
  return { status: res.status, body: await res.json() };
}

const documentsOf = (client: ApiClient) => client.get("/api/documents").then((r) => r.body as { id: string }[]);

describe("a Word file's pictures count as image uploads", () => {
  test("imports and uploads share one allowance: what an import took, an upload no longer has", async () => {
    const ann = await signedUp("Ann");
    const pictures = Array.from({ length: UPLOAD_LIMIT.points - 1 }, () => ({ type: "png" as const, data: distinctPng() }));
    const imported = await upload(ann, "album.docx", await wordFile(pictures));
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(await server.services.db.documentImage.count({ where: { documentId: imported.body.id } })).toBe(UPLOAD_LIMIT.points - 1);
    // One upload is left of the allowance, then the upload says why it is refused.
    expect((await uploadImage(ann, imported.body.id, distinctPng())).status).toBe(201);
    const refused = await uploadImage(ann, imported.body.id, distinctPng());
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/a lot of images in a short time/);
  });

  test("a file with more pictures than the allowance has left is refused whole, in plain words, and stores nothing", async () => {
    const bo = await signedUp("Bo");
    const doc = await bo.post("/api/documents", { title: "Scratch" });
    for (let i = 0; i < UPLOAD_LIMIT.points - 2; i++) expect((await uploadImage(bo, doc.body.id, distinctPng())).status).toBe(201);
    const documentsBefore = (await documentsOf(bo)).length;
    const imagesBefore = await server.services.db.documentImage.count();
    const res = await upload(bo, "trip.docx", await wordFile([0, 1, 2].map(() => ({ type: "png" as const, data: distinctPng() }))));
    expect(res.status).toBe(429);
    expect(res.body.error.message).toMatch(/This file has 3 pictures, and you can add 2 more images right now .*Nothing was imported\./);
    expect((await documentsOf(bo)).length).toBe(documentsBefore);
    expect(await server.services.db.documentImage.count()).toBe(imagesBefore);
    // The refusal cost nothing: the two uploads left are still there.
    expect((await upload(bo, "pair.docx", await wordFile([0, 1].map(() => ({ type: "png" as const, data: distinctPng() }))))).status).toBe(201);
  });

  test("pictures the upload would refuse are left out, and the answer says how many and why", async () => {
    const cy = await signedUp("Cy");
    const bmp = Buffer.concat([Buffer.from("BM"), crypto.randomBytes(64)]);
    const res = await upload(
      cy,
      "mixed.docx",
      await wordFile([
        { type: "png", data: distinctPng() },
        { type: "bmp", data: bmp },
      ]),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.skippedPictures).toEqual({ notAnImage: 1, tooLarge: 0, overCount: 0 });
    expect(await server.services.db.documentImage.count({ where: { documentId: res.body.id } })).toBe(1);
  });
});

describe("Word files have their own size limit; text files keep the small one", () => {
  test("a 3 MB Word file with a photo imports (over IMPORT_MAX_BYTES, under IMPORT_MAX_ARCHIVE_BYTES)", async () => {
    const di = await signedUp("Di");
    const photo = distinctPng(3 * 1024 * 1024);
    const file = await wordFile([{ type: "png", data: photo }], "Photos");
    expect(file.length).toBeGreaterThan(server.services.config.importMaxBytes);
    const res = await upload(di, "photos.docx", file);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.title).toBe("Photos");
    const rows = await server.services.db.documentImage.findMany({ where: { documentId: res.body.id } });
    expect(rows.map((r) => r.size)).toEqual([photo.length]);
  });

  test("a Markdown file over IMPORT_MAX_BYTES is still refused with 413", async () => {
    const ed = await signedUp("Ed");
    const res = await upload(ed, "big.md", "x".repeat(server.services.config.importMaxBytes + 10));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/larger than 2 MB/);
  });
});

describe("zip bombs and overfull archives", () => {
  let small: TestServer;
  beforeAll(async () => {
    // 1 MB per Word file: it may unpack to 4 MB.
    small = await startTestServer({ IMPORT_MAX_ARCHIVE_BYTES: String(1024 * 1024) });
  });
  afterAll(async () => small?.stop());

  test("a Word file over IMPORT_MAX_ARCHIVE_BYTES is refused with 413 naming the limit", async () => {
    const fay = await signedUp("Fay", small);
    const res = await upload(fay, "huge.docx", await wordFile([{ type: "png", data: distinctPng(1200 * 1024) }]), small);
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/This Word file is larger than 1 MB/);
  });

  test("a small file that inflates past the cap is a clear 400 and creates nothing", async () => {
    const gus = await signedUp("Gus", small);
    // 16 MB of zeros deflate to about 16 KB.
    const bomb = zipSync({ "word/document.xml": new Uint8Array(16 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = await small.services.db.document.count();
    const res = await upload(gus, "bomb.docx", bomb, small);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/unpacks to more than 4 MB/);
    expect(await small.services.db.document.count()).toBe(before);
  });

  test("an archive of thousands of tiny entries is a clear 400", async () => {
    const hal = await signedUp("Hal", small);
    const entries = Object.fromEntries(Array.from({ length: 2500 }, (_, i) => [`word/media/e${i}.xml`, new Uint8Array(1)]));
    const res = await upload(hal, "many.docx", zipSync(entries, { level: 0 }), small);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/more than 2,000 parts/);
  });
});
