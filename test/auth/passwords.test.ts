// New passwords are checked against the shipped list of common passwords (NIST SP 800-63B) and
// against the account's own email and name, with a message next to the password field.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

const signup = (body: { name: string; email: string; password: string }) => new ApiClient(server.url).post("/api/auth/signup", body);
const email = () => `pw-${Math.random().toString(36).slice(2, 10)}@example.com`;

test.each(["password", "Password", "PASSWORD", "12345678", "iloveyou", "qwertyuiop", " password "])("%j is refused as too common", async (password) => {
  const res = await signup({ name: "Pat", email: email(), password });
  expect(res.status).toBe(400);
  expect(res.body.error).toEqual({
    code: "invalid_input",
    field: "password",
    message: "This password is too common. Pick one that is harder to guess.",
  });
});

test("the list ships with the code: about 10,000 entries, all long enough to pass the length check", () => {
  const list = fs
    .readFileSync(path.join(import.meta.dirname, "..", "..", "server", "auth", "common-passwords.txt"), "utf8")
    .split("\n")
    .filter(Boolean);
  expect(list.length).toBe(10_000);
  expect(list.every((p) => p.length >= 8 && p === p.toLowerCase())).toBe(true);
  expect(list).toContain("password");
});

test("a password that is the account's email, its name or the email's local part is refused", async () => {
  const address = email();
  for (const [name, password] of [
    ["Pat", address],
    ["Pat", address.toUpperCase()],
    ["Pat", address.split("@")[0]],
    ["Patricia Longname", "patricia longname"],
  ]) {
    const res = await signup({ name, email: address, password });
    expect(res.status, password).toBe(400);
    expect(res.body.error.field).toBe("password");
    expect(res.body.error.message).toMatch(/Pick one that is harder to guess\.$/);
  }
  expect(await server.services.db.user.count({ where: { email: address } })).toBe(0);
});

test("an uncommon password of the minimum length is accepted; shorter ones are still refused", async () => {
  expect((await signup({ name: "Pat", email: email(), password: "vq7#Lm2x" })).status).toBe(201);
  const short = await signup({ name: "Pat", email: email(), password: "vq7#Lm2" });
  expect(short.status).toBe(400);
  expect(short.body.error.message).toBe("password: must be at least 8 characters");
});
