import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

describe("sign up", () => {
  test("the first account is the administrator, later ones are not", async () => {
    const first = await new ApiClient(server.url).signup("First");
    const second = await new ApiClient(server.url).signup("Second");
    expect(first.isAdmin).toBe(true);
    expect(second.isAdmin).toBe(false);
  });

  test("sets an HttpOnly, SameSite=Lax session cookie and never returns the password hash", async () => {
    const c = new ApiClient(server.url);
    const res = await c.post("/api/auth/signup", { name: "Cookie", email: "cookie@example.com", password: "long enough pw" });
    expect(res.status).toBe(201);
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/tandem_session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|scrypt/);
  });

  test("a duplicate email is 409, case-insensitively", async () => {
    const c = new ApiClient(server.url);
    await c.signup("Dup", "dup@example.com");
    const res = await new ApiClient(server.url).post("/api/auth/signup", { name: "Dup2", email: "DUP@example.com", password: "another password" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("conflict");
  });

  test.each([
    [{ name: "X", email: "not-an-email", password: "long enough pw" }, "email"],
    [{ name: "X", email: "x@example.com", password: "short" }, "password"],
    [{ name: "", email: "x@example.com", password: "long enough pw" }, "name"],
    [{ email: "x@example.com", password: "long enough pw" }, "name"],
  ])("invalid input %j is 400 naming %s", async (body, field) => {
    const res = await new ApiClient(server.url).post("/api/auth/signup", body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_input");
    expect(res.body.error.field).toBe(field);
  });

  test("malformed JSON is a 400, not a crash", async () => {
    const res = await new ApiClient(server.url).request("POST", "/api/auth/signup", "{not json", { "content-type": "application/json" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/JSON/);
  });

  test("an oversized body is refused with 413", async () => {
    const res = await new ApiClient(server.url).post("/api/auth/signup", { name: "x".repeat(100_000), email: "big@example.com", password: "long enough pw" });
    expect(res.status).toBe(413);
  });
});

describe("sessions", () => {
  test("sign in, me, sign out ends the session on the server", async () => {
    const a = new ApiClient(server.url);
    const user = await a.signup("Sam");
    const b = new ApiClient(server.url);
    const login = await b.post("/api/auth/login", { email: user.email, password: user.password });
    expect(login.status).toBe(200);
    const stolenCookie = b.cookie;
    expect((await b.get("/api/me")).body.user.id).toBe(user.id);
    expect((await b.post("/api/auth/logout")).status).toBe(204);
    // The old cookie value no longer works even if someone kept it.
    const replay = await new ApiClient(server.url).get("/api/me", { cookie: stolenCookie });
    expect(replay.status).toBe(401);
    // The other session is untouched.
    expect((await a.get("/api/me")).status).toBe(200);
  });

  test("signed out is 401 with the error shape", async () => {
    const res = await new ApiClient(server.url).get("/api/me");
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
  });

  test("a wrong password is 401 and does not reveal whether the account exists", async () => {
    const c = new ApiClient(server.url);
    const user = await c.signup("Wrong");
    const bad = await new ApiClient(server.url).post("/api/auth/login", { email: user.email, password: "nope nope nope" });
    const missing = await new ApiClient(server.url).post("/api/auth/login", { email: "nobody@example.com", password: "nope nope nope" });
    expect(bad.status).toBe(401);
    expect(missing.status).toBe(401);
    expect(bad.body.error.message).toBe(missing.body.error.message);
  });

  test("sign-in attempts are rate limited per account", async () => {
    const user = await new ApiClient(server.url).signup("Limited");
    const attempts = [];
    for (let i = 0; i < 6; i++) {
      attempts.push((await new ApiClient(server.url).post("/api/auth/login", { email: user.email, password: "wrong password" })).status);
    }
    expect(attempts.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(attempts[5]).toBe(429);
    // Even the right password waits until the window passes.
    const right = await new ApiClient(server.url).post("/api/auth/login", { email: user.email, password: user.password });
    expect(right.status).toBe(429);
    expect(right.headers.get("retry-after")).toBeTruthy();
  });
});

describe("cross-origin protection", () => {
  test("a state-changing request from another origin is refused and changes nothing", async () => {
    const c = new ApiClient(server.url);
    await c.signup("Origin");
    const res = await c.post("/api/documents", { title: "evil" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect((await c.get("/api/documents")).body.documents).toHaveLength(0);
  });

  test("the same origin is accepted", async () => {
    const c = new ApiClient(server.url);
    await c.signup("Same");
    const res = await c.post("/api/documents", { title: "fine" }, { origin: server.url.replace("127.0.0.1", "127.0.0.1") });
    expect(res.status).toBe(201);
  });
});

describe("personal access tokens", () => {
  test("create, use as Bearer, list without the secret, revoke", async () => {
    const c = new ApiClient(server.url);
    const user = await c.signup("Bot owner");
    const created = await c.post("/api/tokens", { name: "ci bot" });
    expect(created.status).toBe(201);
    const token: string = created.body.token.token;
    expect(token).toMatch(/^tdm_/);
    const bot = new ApiClient(server.url, { authorization: `Bearer ${token}` });
    expect((await bot.get("/api/me")).body.user.id).toBe(user.id);
    const list = await c.get("/api/tokens");
    expect(list.body.tokens).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect((await c.delete(`/api/tokens/${created.body.token.id}`)).status).toBe(204);
    expect((await bot.get("/api/me")).status).toBe(401);
  });

  test("another user cannot revoke my token", async () => {
    const a = new ApiClient(server.url);
    await a.signup("Tok A");
    const t = await a.post("/api/tokens", { name: "mine" });
    const b = new ApiClient(server.url);
    await b.signup("Tok B");
    expect((await b.delete(`/api/tokens/${t.body.token.id}`)).status).toBe(404);
    expect((await a.get("/api/tokens")).body.tokens).toHaveLength(1);
  });
});

describe("request ids", () => {
  test("every API response carries one; a well-formed id from the proxy is kept", async () => {
    const fresh = await new ApiClient(server.url).get("/api/me");
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const given = await new ApiClient(server.url).get("/api/me", { "x-request-id": "edge-42" });
    expect(given.headers.get("x-request-id")).toBe("edge-42");
    const hostile = await new ApiClient(server.url).get("/api/me", { "x-request-id": "bad id <script>" });
    expect(hostile.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
