// Shared steps of the nested-pages tests: a test server per file and its people, pages made through the API.
import { afterAll, beforeAll } from "vitest";
import { type ApiClient, startTestServer, type TestServer } from "../helpers/server";
import { BreadcrumbsResponse, type PageNode, PageTreeResponse } from "../../lib/contracts/pages";
import { signUpAndConnect, type Person } from "../realtime/helpers";

/** This test file's server (started before its tests, stopped after) and the people it signs up. */
export function pageWorld(): { readonly server: TestServer; person(name: string): Promise<Person> } {
  let server: TestServer | undefined;
  const people: Person[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const p of people) p.socket.disconnect();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error("the server starts in beforeAll");
      return server;
    },
    async person(name: string): Promise<Person> {
      if (!server) throw new Error("the server starts in beforeAll");
      const p = await signUpAndConnect(server, name, "websocket");
      people.push(p);
      return p;
    },
  };
}

export async function page(api: ApiClient, title: string, parentId?: string): Promise<{ id: string; title: string }> {
  const res = await api.post("/api/documents", parentId ? { title, parentId } : { title });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function tree(api: ApiClient): Promise<PageNode[]> {
  const res = await api.get("/api/pages/tree");
  if (res.status !== 200) throw new Error(`tree failed: ${res.status} ${JSON.stringify(res.body)}`);
  return PageTreeResponse.parse(res.body).pages;
}

export async function crumbs(api: ApiClient, id: string): Promise<string[]> {
  const res = await api.get(`/api/documents/${id}/breadcrumbs`);
  if (res.status !== 200) throw new Error(`breadcrumbs failed: ${res.status} ${JSON.stringify(res.body)}`);
  return BreadcrumbsResponse.parse(res.body).crumbs.map((c) => c.title);
}

export async function roleOn(api: ApiClient, id: string): Promise<string | number> {
  const res = await api.get(`/api/documents/${id}`);
  return res.status === 200 ? (res.body.role as string) : res.status;
}

export const move = (api: ApiClient, id: string, parentId: string | null, beforeId?: string | null) =>
  api.post(`/api/documents/${id}/move`, beforeId === undefined ? { parentId } : { parentId, beforeId });
