// Import and export over HTTP against the real server (SQLite, or PostgreSQL with TEST_POSTGRES_URL):
// who may export (outsiders 404, viewers yes), the download headers and non-ASCII file names, the
// workspace archive read back with the system's own `tar`, and imports: titles, limits, hostile
// content, invalid ProseMirror JSON (400, nothing created) and one bad file among good ones.
import mammoth from "mammoth";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { ArchiveIndex } from "../../lib/contracts/importExport";

let server: TestServer;
let owner: ApiClient;
let viewer: ApiClient;
let outsider: ApiClient;
let viewerEmail: string;

beforeAll(async () => {
  server = await startTestServer({ IMPORT_MAX_BYTES: String(64 * 1024) });
  owner = new ApiClient(server.url);
  await owner.signup("Owner");
  viewer = new ApiClient(server.url);
  viewerEmail = (await viewer.signup("Viewer")).email;
  outsider = new ApiClient(server.url);
  await outsider.signup("Outsider");
});
afterAll(async () => server?.stop());

const SAMPLE = "# Quarterly plan\n\nSome **bold** and a [link](https://example.com).\n\n- [x] done\n- [ ] todo\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n";

async function importMarkdown(client: ApiClient, fileName: string, text: string) {
  return client.post("/api/documents/import", { format: "markdown", fileName, text });
}

async function raw(client: ApiClient, pathname: string) {
  const res = await fetch(server.url + pathname, { headers: { cookie: client.cookie } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const documentCount = () => server.services.db.document.count();

describe("import", () => {
  test("a Markdown file becomes a document owned by the importer, titled by its first heading, exported back the same", async () => {
    const res = await importMarkdown(owner, "plan.md", SAMPLE);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: "Quarterly plan", role: "owner" });
    const exported = await raw(owner, `/api/documents/${res.body.id}/export?format=md`);
    expect(exported.status).toBe(200);
    expect(exported.bytes.toString("utf8")).toBe(SAMPLE);
    expect((await owner.get("/api/documents")).body.documents.map((d: { id: string }) => d.id)).toContain(res.body.id);
  });

  test("without a first heading the title is the file name", async () => {
    const res = await importMarkdown(owner, "meeting notes.txt", "Just text.\n\n## Not a title\n");
    expect(res.status).toBe(201);
    expect(res.body.title).toBe("meeting notes");
  });

  test("ProseMirror JSON from the browser is checked against the schema; invalid → 400 and nothing created", async () => {
    const good = await owner.post("/api/documents/import", {
      format: "prosemirror",
      fileName: "page.html",
      title: "From HTML",
      doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "hello", marks: [{ type: "bold" }] }] }] },
    });
    expect(good.status).toBe(201);
    expect(good.body.title).toBe("From HTML");
    expect((await raw(owner, `/api/documents/${good.body.id}/export?format=md`)).bytes.toString()).toBe("**hello**\n");

    const before = await documentCount();
    const bad = [
      { type: "doc", content: [{ type: "script", content: [{ type: "text", text: "x" }] }] }, // unknown node
      { type: "doc", content: [{ type: "heading", content: [{ type: "bulletList" }] }] }, // wrong content
      { type: "doc", content: [{ type: "text", text: "bare text at the top" }] },
      { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "evil" }] }] }] },
      { type: "paragraph" },
    ];
    for (const doc of bad) {
      const res = await owner.post("/api/documents/import", { format: "prosemirror", fileName: "bad.html", doc });
      expect(res.status, JSON.stringify(doc)).toBe(400);
      expect(res.body.error.message).toMatch(/document|doc/i);
    }
    let deep: Record<string, unknown> = { type: "paragraph" };
    for (let i = 0; i < 1_000; i++) deep = { type: "blockquote", content: [deep] };
    const tooDeep = await owner.post("/api/documents/import", { format: "prosemirror", fileName: "deep.html", doc: { type: "doc", content: [deep] } });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.error.message).toMatch(/nests too deeply/);
    expect(await documentCount()).toBe(before);
  });

  test("a file over IMPORT_MAX_BYTES is refused with the limit in words (413), nothing created", async () => {
    const before = await documentCount();
    const res = await importMarkdown(owner, "big.md", "x".repeat(65 * 1024));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/larger than 0\.1 MB/);
    const huge = await importMarkdown(owner, "huge.md", "y".repeat(200 * 1024));
    expect(huge.status).toBe(413);
    expect(await documentCount()).toBe(before);
  });

  test("hostile Markdown: scripts and iframes stay text, javascript: links are dropped, in every export", async () => {
    const res = await importMarkdown(
      owner,
      "x.md",
      '<script>alert(1)</script>\n\n<iframe src="https://evil.example"></iframe>\n\n[click](javascript:alert(1))\n',
    );
    expect(res.status).toBe(201);
    const html = (await raw(owner, `/api/documents/${res.body.id}/export?format=html`)).bytes.toString();
    expect(html).not.toMatch(/<script|<iframe|href="javascript/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const json = JSON.parse((await raw(owner, `/api/documents/${res.body.id}/export?format=json`)).bytes.toString());
    expect(JSON.stringify(json)).not.toContain('"link"');
  });

  test("one bad file among good ones: the others are imported", async () => {
    const results = await Promise.all([
      importMarkdown(owner, "one.md", "# One\n"),
      owner.post("/api/documents/import", { format: "prosemirror", fileName: "two.html", doc: { type: "doc", content: [{ type: "nope" }] } }),
      importMarkdown(owner, "three.md", "# Three\n"),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 400, 201]);
  });

  test("multipart form data (field file), as scripts send it: Markdown imported; other types, content that does not match the name and oversize refused", async () => {
    const upload = async (name: string, content: string | Buffer, field = "file") => {
      const form = new FormData();
      form.append(field, new Blob([typeof content === "string" ? content : new Uint8Array(content)]), name);
      const res = await fetch(`${server.url}/api/documents/import`, { method: "POST", body: form, headers: { cookie: owner.cookie } });
      return { status: res.status, body: await res.json() };
    };
    const ok = await upload("notes.md", "# From a script\n\n- [ ] task\n");
    expect(ok.status).toBe(201);
    expect(ok.body.title).toBe("From a script");
    expect((await raw(owner, `/api/documents/${ok.body.id}/export?format=md`)).bytes.toString()).toBe("# From a script\n\n- [ ] task\n");
    const before = await documentCount();
    expect((await upload("slides.pdf", "%PDF")).status).toBe(415);
    expect((await upload("notes.md", "# x", "other")).status).toBe(400);
    // The bytes must agree with the name: a renamed binary file is not Markdown, a text file is not Word.
    const binary = await upload("renamed.md", Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe]));
    expect(binary.status).toBe(415);
    expect(binary.body.error.message).toMatch(/^This file is not a text file/);
    const notUtf8 = await upload("latin1.md", Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    expect(notUtf8.status).toBe(415);
    expect(notUtf8.body.error.message).toMatch(/is not UTF-8/);
    const fakeWord = await upload("letter.docx", "just some text");
    expect(fakeWord.status).toBe(415);
    expect(fakeWord.body.error.message).toMatch(/^This file is not a Word document/);
    const big = await upload("big.md", Buffer.alloc(200 * 1024, 97));
    expect(big.status).toBe(413);
    expect(await documentCount()).toBe(before);
  });

  test("bad envelopes: unknown format, missing file name, signed out, a read-only token", async () => {
    expect((await owner.post("/api/documents/import", { format: "docx", fileName: "a.docx" })).status).toBe(400);
    expect((await owner.post("/api/documents/import", { format: "markdown", text: "x" })).status).toBe(400);
    expect((await new ApiClient(server.url).post("/api/documents/import", { format: "markdown", fileName: "a.md", text: "x" })).status).toBe(401);
    const token = (await owner.post("/api/tokens", { name: "read", scopes: ["documents:read"] })).body.token.token;
    const reader = new ApiClient(server.url, { authorization: `Bearer ${token}` });
    expect((await reader.post("/api/documents/import", { format: "markdown", fileName: "a.md", text: "x" })).status).toBe(403);
  });
});

describe("export of one document", () => {
  test("members may download it (viewers too), outsiders get 404; headers name the file", async () => {
    const { body: doc } = await importMarkdown(owner, "shared.md", "# Shared notes\n\nHello.\n");
    expect((await owner.post(`/api/documents/${doc.id}/members`, { email: viewerEmail, role: "viewer" })).status).toBe(201);
    const md = await raw(viewer, `/api/documents/${doc.id}/export?format=md`);
    expect(md.status).toBe(200);
    expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(md.headers.get("content-disposition")).toBe(`attachment; filename="Shared notes.md"; filename*=UTF-8''Shared%20notes.md`);
    expect(md.bytes.toString()).toBe("# Shared notes\n\nHello.\n");
    const html = await raw(viewer, `/api/documents/${doc.id}/export?format=html`);
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.bytes.toString()).toContain("<title>Shared notes</title>");
    const json = await raw(viewer, `/api/documents/${doc.id}/export?format=json`);
    expect(JSON.parse(json.bytes.toString()).type).toBe("doc");
    const docx = await raw(viewer, `/api/documents/${doc.id}/export?format=docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(docx.headers.get("content-disposition")).toContain('filename="Shared notes.docx"');
    expect((await mammoth.convertToHtml({ buffer: docx.bytes })).value).toBe("<h1>Shared notes</h1><p>Hello.</p>");
    expect((await raw(outsider, `/api/documents/${doc.id}/export?format=md`)).status).toBe(404);
    expect((await raw(new ApiClient(server.url), `/api/documents/${doc.id}/export?format=md`)).status).toBe(401);
    expect((await raw(owner, `/api/documents/${doc.id}/export?format=pdf`)).status).toBe(400);
    expect((await raw(owner, `/api/documents/${doc.id}/export`)).status).toBe(400);
  });

  test("a non-ASCII title: an ASCII fallback and the exact name (RFC 5987); unsafe characters replaced", async () => {
    const { body: doc } = await importMarkdown(owner, "x.md", "# Café über/Ünïcode: 日本語?\n");
    const res = await raw(owner, `/api/documents/${doc.id}/export?format=md`);
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="Cafe uber Unicode ___.md"; filename*=UTF-8''${encodeURIComponent("Café über Ünïcode 日本語.md")}`,
    );
  });

  test("what is typed live is exported (the open room is read)", async () => {
    const { body: doc } = await importMarkdown(owner, "live.md", "First.\n");
    const { collabOf } = await import("../../server/collab/collabChannel");
    const collab = collabOf(server.services);
    await collab?.edit(doc.id, (ydoc) => {
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText("Typed now.")]);
      ydoc.getXmlFragment("default").push([p]);
    });
    expect((await raw(owner, `/api/documents/${doc.id}/export?format=md`)).bytes.toString()).toBe("First.\n\nTyped now.\n");
  });
});

describe("the workspace archive", () => {
  test("every document the account can see, names unique, trashed ones left out, documents.json listing them", async () => {
    const alice = new ApiClient(server.url);
    const aliceUser = await alice.signup("Alice");
    const a = (await importMarkdown(alice, "a.md", "# Notes\n\nfirst\n")).body;
    const b = (await importMarkdown(alice, "b.md", "# Notes\n\nsecond\n")).body;
    const c = (await importMarkdown(alice, "c.md", "# Ünïcode ☃\n")).body;
    const trashed = (await importMarkdown(alice, "d.md", "# Gone\n")).body;
    expect((await alice.delete(`/api/documents/${trashed.id}`)).status).toBe(204);
    const shared = (await importMarkdown(owner, "s.md", "# Shared with Alice\n")).body;
    await owner.post(`/api/documents/${shared.id}/members`, { email: aliceUser.email, role: "viewer" });
    await importMarkdown(owner, "private.md", "# Owner only\n");

    const res = await raw(alice, "/api/export");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-tar");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="Tandem export \d{4}-\d{2}-\d{2}\.tar"/);
    expect(res.headers.get("x-tandem-documents")).toBe("4");
    const dir = fs.mkdtempSync(path.join(server.dataDir, "untar-"));
    fs.writeFileSync(path.join(dir, "export.tar"), res.bytes);
    const listed = execFileSync("tar", ["-tf", "export.tar"], { cwd: dir, encoding: "utf8" }).trim().split("\n").sort();
    expect(listed).toEqual(["Notes (2).md", "Notes.md", "Shared with Alice.md", "documents.json", "Ünïcode ☃.md"].sort());
    execFileSync("tar", ["-xf", "export.tar"], { cwd: dir });
    const index = ArchiveIndex.parse(JSON.parse(fs.readFileSync(path.join(dir, "documents.json"), "utf8")));
    expect(index.documents.map((d) => d.id).sort()).toEqual([a.id, b.id, c.id, shared.id].sort());
    for (const entry of index.documents) expect(fs.existsSync(path.join(dir, entry.file))).toBe(true);
    const bodies = index.documents.filter((d) => d.title === "Notes").map((d) => fs.readFileSync(path.join(dir, d.file), "utf8"));
    expect(bodies.sort()).toEqual(["# Notes\n\nfirst\n", "# Notes\n\nsecond\n"]);
    expect(index.documents.find((d) => d.id === shared.id)?.role).toBe("viewer");
  });

  test("an account with nothing gets an empty archive with an empty index; signed out 401", async () => {
    const empty = new ApiClient(server.url);
    await empty.signup("Empty");
    const res = await raw(empty, "/api/export");
    expect(res.status).toBe(200);
    const dir = fs.mkdtempSync(path.join(server.dataDir, "untar-"));
    fs.writeFileSync(path.join(dir, "e.tar"), res.bytes);
    execFileSync("tar", ["-xf", "e.tar"], { cwd: dir });
    expect(ArchiveIndex.parse(JSON.parse(fs.readFileSync(path.join(dir, "documents.json"), "utf8"))).documents).toEqual([]);
    expect((await raw(new ApiClient(server.url), "/api/export")).status).toBe(401);
  });
});
