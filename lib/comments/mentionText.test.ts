import { describe, expect, it } from "vitest";
import { findMentioned } from "../../server/domain/mentions";
import { commentMentionText, mentionQueryAt } from "./mentionText";

const members = [
  { userId: "ana", name: "Ana Lopez", email: "ana.l@example.com" },
  { userId: "ann", name: "Ann", email: "ann@example.com" },
  { userId: "obrien", name: "Pat O'Brien", email: "pat@example.com" },
  { userId: "quote", name: 'The "Boss"', email: "boss.person@example.com" },
];

describe("comment mention text", () => {
  it("is read back by the server as exactly the member picked", () => {
    for (const m of members) {
      const body = `Could you look, ${commentMentionText(m.name, m.email)} thanks`;
      expect(findMentioned(body, members)).toEqual([m.userId]);
    }
  });

  it("quotes names with spaces and keeps one-word names bare", () => {
    expect(commentMentionText("Ana Lopez", "a@x")).toBe('@"Ana Lopez"');
    expect(commentMentionText("Ann", "a@x")).toBe("@Ann");
  });

  it("finds the query being typed before the caret, not inside an email", () => {
    expect(mentionQueryAt("hi @an", 6)).toEqual({ start: 3, query: "an" });
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQueryAt("mail ana@example", 16)).toBeNull();
    expect(mentionQueryAt("hi @an there", 12)).toBeNull();
  });
});
