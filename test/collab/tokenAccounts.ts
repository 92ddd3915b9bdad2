// Accounts that reach the collab endpoints with a personal access token (`?token=`, as scripts do),
// and a document the owner shares with an editor and a viewer: the cast of the transport tests.
import { expect } from "vitest";
import { ApiClient } from "../helpers/server";

export type TokenAccount = { api: ApiClient; id: string; token: string };

/** An empty account, filled in by `signUpWithToken` (the tests name them before the server starts). */
export const tokenAccount = (): TokenAccount => ({ api: undefined as unknown as ApiClient, id: "", token: "" });

export async function signUpWithToken(serverUrl: string, name: string, who: TokenAccount): Promise<void> {
  who.api = new ApiClient(serverUrl);
  who.id = (await who.api.signup(name)).id;
  const res = await who.api.post("/api/tokens", { name: "collab test" });
  expect(res.status).toBe(201);
  who.token = res.body.token.token;
}

/** A new document of `owner`'s, shared with `editor` (editor) and `viewer` (viewer). */
export async function sharedDocument(title: string, owner: TokenAccount, editor: TokenAccount, viewer: TokenAccount): Promise<string> {
  const res = await owner.api.post("/api/documents", { title });
  expect(res.status).toBe(201);
  const id: string = res.body.id;
  const emailOf = async (c: ApiClient) => (await c.get("/api/me")).body.user.email as string;
  expect((await owner.api.post(`/api/documents/${id}/members`, { email: await emailOf(editor.api), role: "editor" })).status).toBe(201);
  expect((await owner.api.post(`/api/documents/${id}/members`, { email: await emailOf(viewer.api), role: "viewer" })).status).toBe(201);
  return id;
}
