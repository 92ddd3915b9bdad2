// The shared zod helper (lib/userText.ts) on every schema with free text: HTTP bodies never reach
// these with a lone surrogate (body.ts refuses it first), socket.io payloads do, so each schema is
// checked here on its own.
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { AddMemberBody, CreateDocumentBody, CreateTokenBody, LoginBody, RenameDocumentBody, SignupBody } from "../../server/api/schemas";
import { CreateAnnouncementBody, UpdateAnnouncementBody } from "../../server/events/schemas";
import { ClientEventSchemas } from "../../lib/realtime/events";
import { BROKEN_TEXT_MESSAGE, isWellFormedText } from "../../lib/userText";

const LONE = "\ud800";
type Row = [name: string, schema: z.ZodType, valid: Record<string, unknown>, field: string];
const rows: Row[] = [
  ["signup", SignupBody, { name: "Ana", email: "ana@example.com", password: "long enough pw" }, "name"],
  ["signup", SignupBody, { name: "Ana", email: "ana@example.com", password: "long enough pw" }, "email"],
  ["signup", SignupBody, { name: "Ana", email: "ana@example.com", password: "long enough pw" }, "password"],
  ["login", LoginBody, { email: "ana@example.com", password: "pw" }, "email"],
  ["login", LoginBody, { email: "ana@example.com", password: "pw" }, "password"],
  ["create document", CreateDocumentBody, { title: "T" }, "title"],
  ["rename document", RenameDocumentBody, { title: "T" }, "title"],
  ["add member", AddMemberBody, { email: "ana@example.com", role: "viewer" }, "email"],
  ["create token", CreateTokenBody, { name: "bot" }, "name"],
  ["create announcement", CreateAnnouncementBody, { title: "T", body: "B", targetPath: "/documents/*" }, "title"],
  ["create announcement", CreateAnnouncementBody, { title: "T", body: "B", targetPath: "/documents/*" }, "body"],
  ["create announcement", CreateAnnouncementBody, { title: "T", body: "B", targetPath: "/documents/*" }, "targetPath"],
  ["update announcement", UpdateAnnouncementBody, { title: "T", body: "B" }, "title"],
  ["update announcement", UpdateAnnouncementBody, { title: "T", body: "B" }, "body"],
  ["comment:create", ClientEventSchemas["comment:create"], { documentId: "d1", body: "B", quote: "Q" }, "body"],
  ["comment:create", ClientEventSchemas["comment:create"], { documentId: "d1", body: "B", quote: "Q" }, "quote"],
  ["comment:reply", ClientEventSchemas["comment:reply"], { parentId: "c1", body: "B" }, "body"],
];

describe("every free-text field refuses a lone surrogate and names itself", () => {
  test.each(rows)("%s: %#", (_name, schema, valid, _f) => {
    expect(schema.safeParse(valid).success).toBe(true);
  });
  test.each(rows)("%s.%s", (_name, schema, valid, field) => {
    for (const bad of [LONE, `a${LONE}b`, "\udc00x", `x\ud83d`]) {
      const value = field === "email" ? `${bad}@example.com` : field === "targetPath" ? `/documents/${bad}` : bad;
      const result = schema.safeParse({ ...valid, [field]: value });
      expect(result.success).toBe(false);
      const issue = result.error!.issues[0];
      expect(issue.path).toEqual([field]);
      expect(issue.message).toBe(BROKEN_TEXT_MESSAGE);
    }
  });
});

test("isWellFormedText: pairs are text, lone halves are not", () => {
  expect(isWellFormedText("plain, é, 😀, 中文")).toBe(true);
  expect(isWellFormedText("\ud83d\ude00")).toBe(true);
  expect(isWellFormedText("\ud83d")).toBe(false);
  expect(isWellFormedText("\ude00\ud83d")).toBe(false);
});
