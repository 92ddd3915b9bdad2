// A typed fetch client for Tandem's JSON API, used by the pages (same origin, cookie session).
// The shapes mirror server/api/*; they are restated here because app code must not import server code.

import type { ListedDocument, Role } from "./documents";
export type { Role };

export type User = { id: string; email: string; name: string; isAdmin: boolean };

export type DocumentSummary = ListedDocument;

export type Member = { userId: string; name: string; email: string; role: Role };

/** What a token may do (server/auth/scopes.ts); write includes read. */
export type TokenScope = "documents:read" | "documents:write";
export type AccessToken = { id: string; name: string; createdAt: string; lastUsedAt: string | null; scopes: TokenScope[] };
/** A freshly created token: the only time its secret is ever shown. */
export type CreatedAccessToken = { id: string; name: string; createdAt: string; scopes: TokenScope[]; token: string };

export type ApiErrorCode =
  | "invalid_input"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "internal"
  | "unavailable"
  | "network";

/** An error the API answered with (`{error:{code,message,field?}}`), or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    /** The input field the error is about, when the server named one (e.g. "email"). */
    readonly field?: string,
    /** Seconds to wait before retrying, from Retry-After on 429s. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const NETWORK_MESSAGE = "Tandem could not be reached. Check your connection and try again.";

/** One JSON call to the API; failures become ApiError. Shared by every client of the API in the browser. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      cache: "no-store",
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", NETWORK_MESSAGE);
  }
  if (res.status === 204) return undefined as T;
  const payload: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw toApiError(res, payload);
  return payload as T;
}

function toApiError(res: Response, payload: unknown): ApiError {
  const error = (payload as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
  const retryAfter = Number(res.headers.get("Retry-After")) || undefined;
  if (error?.code && error.message) {
    return new ApiError(res.status, error.code as ApiErrorCode, error.message, error.field, retryAfter);
  }
  const code: ApiErrorCode = res.status >= 500 ? "internal" : "invalid_input";
  return new ApiError(res.status, code, `Something went wrong (HTTP ${res.status}). Please try again.`);
}

/** Turns any thrown value into words a person can read. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "Something unexpected went wrong. Please try again.";
}

const enc = encodeURIComponent;

export const api = {
  signup: (input: { email: string; password: string; name: string }) =>
    request<{ user: User }>("POST", "/api/auth/signup", input).then((r) => r.user),
  login: (input: { email: string; password: string }) =>
    request<{ user: User }>("POST", "/api/auth/login", input).then((r) => r.user),
  logout: () => request<void>("POST", "/api/auth/logout"),
  /** The signed-in user, or null when nobody is signed in. */
  me: async (): Promise<User | null> => {
    try {
      return (await request<{ user: User }>("GET", "/api/me")).user;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },

  listDocuments: () => request<{ documents: DocumentSummary[] }>("GET", "/api/documents").then((r) => r.documents),
  createDocument: (title: string) => request<DocumentSummary>("POST", "/api/documents", { title }),
  getDocument: (id: string) => request<DocumentSummary>("GET", `/api/documents/${enc(id)}`),
  renameDocument: (id: string, title: string) => request<DocumentSummary>("PATCH", `/api/documents/${enc(id)}`, { title }),
  deleteDocument: (id: string) => request<void>("DELETE", `/api/documents/${enc(id)}`),

  listMembers: (id: string) =>
    request<{ members: Member[] }>("GET", `/api/documents/${enc(id)}/members`).then((r) => r.members),
  addMember: (id: string, email: string, role: "editor" | "viewer") =>
    request<Member>("POST", `/api/documents/${enc(id)}/members`, { email, role }),
  changeRole: (id: string, userId: string, role: "editor" | "viewer") =>
    request<Member>("PATCH", `/api/documents/${enc(id)}/members/${enc(userId)}`, { role }),
  removeMember: (id: string, userId: string) => request<void>("DELETE", `/api/documents/${enc(id)}/members/${enc(userId)}`),

  listTokens: () => request<{ tokens: AccessToken[] }>("GET", "/api/tokens").then((r) => r.tokens),
  createToken: (name: string, scopes: TokenScope[]) =>
    request<{ token: CreatedAccessToken }>("POST", "/api/tokens", { name, scopes }).then((r) => r.token),
  revokeToken: (id: string) => request<void>("DELETE", `/api/tokens/${enc(id)}`),
};
