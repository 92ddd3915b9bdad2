// Issue 16: HTML files in the encoding they declare (byte order mark, <meta charset>, http-equiv), with
// real encoded bytes: windows-1252 / ISO-8859-1 "café" and "naïve", a Shift_JIS Japanese title; an
// undeclared file is UTF-8, or windows-1252 when its bytes are not UTF-8. Imported through the real
// server (SQLite or PostgreSQL) and read back as Markdown.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { detectHtmlEncoding } from "../../server/exchange/htmlCharset";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";

/** "café naïve" in windows-1252 / ISO-8859-1: é is E9, ï is EF (invalid as UTF-8). */
const CAFE_LATIN1 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65]);
/** "日本語のタイトル" in Shift_JIS. */
const TITLE_SJIS = Buffer.from("93fa967b8cea82cc835e83438367838b", "hex");
/** "€5" in windows-1252 (the euro sign is 80, which ISO-8859-1 proper lacks: browsers read that label as windows-1252). */
const EURO_1252 = Buffer.from([0x80, 0x35]);

const page = (head: string, title: Buffer, body: Buffer) =>
  Buffer.concat([
    Buffer.from(`<!doctype html><html><head>${head}<title>`),
    title,
    Buffer.from("</title></head><body><p>"),
    body,
    Buffer.from("</p></body></html>"),
  ]);

let server: TestServer;
let owner: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = new ApiClient(server.url);
  await owner.signup("Encoder");
});
afterAll(async () => server?.stop());

async function imported(name: string, bytes: Buffer): Promise<{ title: string; markdown: string }> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${server.url}/api/documents/import`, { method: "POST", body: form, headers: { cookie: owner.cookie } });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(201);
  const md = await fetch(`${server.url}/api/documents/${body.id}/export?format=md`, { headers: { cookie: owner.cookie } });
  return { title: body.title, markdown: await md.text() };
}

describe("HTML files in other encodings", () => {
  test("<meta charset=windows-1252> reads café and naïve", async () => {
    const file = page('<meta charset="windows-1252">', Buffer.from("Menu"), Buffer.concat([CAFE_LATIN1, Buffer.from(" "), EURO_1252]));
    expect(await imported("menu.html", file)).toEqual({ title: "Menu", markdown: "café naïve €5\n" });
  });

  test("http-equiv Content-Type with charset=ISO-8859-1", async () => {
    const file = page('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', CAFE_LATIN1, CAFE_LATIN1);
    expect(await imported("old.htm", file)).toEqual({ title: "café naïve", markdown: "café naïve\n" });
  });

  test("<meta charset=Shift_JIS> reads a Japanese title and text", async () => {
    const file = page("<meta charset=Shift_JIS>", TITLE_SJIS, TITLE_SJIS);
    expect(await imported("nihongo.html", file)).toEqual({ title: "日本語のタイトル", markdown: "日本語のタイトル\n" });
  });

  test("a UTF-16 byte order mark wins over everything", async () => {
    const text = "<html><head><title>naïve</title></head><body><p>日本語</p></body></html>";
    const file = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(await imported("wide.html", file)).toEqual({ title: "naïve", markdown: "日本語\n" });
  });

  test("undeclared: UTF-8 when it is, else windows-1252", async () => {
    expect(await imported("plain.html", page("", Buffer.from("Plain"), Buffer.from("café naïve")))).toEqual({ title: "Plain", markdown: "café naïve\n" });
    expect(await imported("legacy.html", page("", Buffer.from("Legacy"), CAFE_LATIN1))).toEqual({ title: "Legacy", markdown: "café naïve\n" });
  });
});

describe("detectHtmlEncoding", () => {
  test("says where the encoding came from; an unknown label falls back", () => {
    expect(detectHtmlEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x3c]))).toEqual({ encoding: "utf-8", source: "bom" });
    expect(detectHtmlEncoding(Buffer.from("<meta charset='shift_jis'>"))).toEqual({ encoding: "shift_jis", source: "meta" });
    // A declaration of UTF-16 in bytes read as ASCII is UTF-8 (as browsers read it).
    expect(detectHtmlEncoding(Buffer.from('<meta charset="utf-16">'))).toEqual({ encoding: "utf-8", source: "meta" });
    expect(detectHtmlEncoding(Buffer.concat([Buffer.from('<meta charset="klingon">'), CAFE_LATIN1]))).toEqual({ encoding: "windows-1252", source: "fallback" });
    expect(detectHtmlEncoding(Buffer.from('<meta charset="klingon">café'))).toEqual({ encoding: "utf-8", source: "utf-8" });
  });
});
