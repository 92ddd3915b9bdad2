// A typed fetch client for Tandem's JSON API, used by the pages (same origin, cookie session).
// Request and response shapes come from the shared zod contracts in lib/contracts (the server validates
// requests with the same schemas), so nothing here restates the API by hand.
import type { LoginInput, SignupInput, User, UserResponse } from "./contracts/auth";
import type { CreateDocumentInput, DocumentListResponse, ListedDocument, RenameDocumentInput, Role } from "./contracts/documents";
import type { AddMemberInput, ChangeRoleInput, GrantableRole, Member, MemberListResponse } from "./contracts/members";
import type { AccessToken, CreatedAccessToken, CreatedTokenResponse, CreateTokenInput, Scope, TokenListResponse } from "./contracts/tokens";
import { ApiErrorBody, type API_ERROR_CODES } from "./contracts/errors";
import type { AddMemberResponse } from "./contracts/invitations";

export type { AccessToken, CreatedAccessToken, Member, Role, User };

/** A document as the caller's dashboard lists it (with their role). */
export type DocumentSummary = ListedDocument;

/** What a token may do (server/auth/scopes.ts); write includes read. */
export type TokenScope = Scope;

/** The server's error codes, and "network" when it could not be reached. */
export type ApiErrorCode = (typeof API_ERROR_CODES)[number] | "network";

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

/**
 * One call to the API with a JSON body (or form data, for file uploads, sent as multipart); failures
 * become ApiError. Shared by every client of the API in the browser.
 */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  const form = typeof FormData !== "undefined" && body instanceof FormData;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      cache: "no-store",
      headers: body === undefined || form ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
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
  const parsed = ApiErrorBody.safeParse(payload);
  const retryAfter = Number(res.headers.get("Retry-After")) || undefined;
  if (parsed.success) {
    const { code, message, field } = parsed.data.error;
    return new ApiError(res.status, code, message, field, retryAfter);
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
  signup: (input: SignupInput) => request<UserResponse>("POST", "/api/auth/signup", input).then((r) => r.user),
  login: (input: LoginInput) => request<UserResponse>("POST", "/api/auth/login", input).then((r) => r.user),
  logout: () => request<void>("POST", "/api/auth/logout"),
  /** The signed-in user, or null when nobody is signed in. */
  me: async (): Promise<User | null> => {
    try {
      return (await request<UserResponse>("GET", "/api/me")).user;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },

  listDocuments: () => request<DocumentListResponse>("GET", "/api/documents").then((r) => r.documents),
  createDocument: (title: string) => request<ListedDocument>("POST", "/api/documents", { title } satisfies CreateDocumentInput),
  getDocument: (id: string) => request<ListedDocument>("GET", `/api/documents/${enc(id)}`),
  renameDocument: (id: string, title: string) => request<ListedDocument>("PATCH", `/api/documents/${enc(id)}`, { title } satisfies RenameDocumentInput),
  deleteDocument: (id: string) => request<void>("DELETE", `/api/documents/${enc(id)}`),

  listMembers: (id: string) => request<MemberListResponse>("GET", `/api/documents/${enc(id)}/members`).then((r) => r.members),
  /** A Member for an existing account; an invitation (lib/invitationsApi.ts) for an email without one. */
  addMember: (id: string, email: string, role: GrantableRole) =>
    request<AddMemberResponse>("POST", `/api/documents/${enc(id)}/members`, { email, role } satisfies AddMemberInput),
  changeRole: (id: string, userId: string, role: GrantableRole) =>
    request<Member>("PATCH", `/api/documents/${enc(id)}/members/${enc(userId)}`, { role } satisfies ChangeRoleInput),
  removeMember: (id: string, userId: string) => request<void>("DELETE", `/api/documents/${enc(id)}/members/${enc(userId)}`),

  listTokens: () => request<TokenListResponse>("GET", "/api/tokens").then((r) => r.tokens),
  createToken: (name: string, scopes: TokenScope[]) =>
    request<CreatedTokenResponse>("POST", "/api/tokens", { name, scopes } satisfies CreateTokenInput).then((r) => r.token),
  revokeToken: (id: string) => request<void>("DELETE", `/api/tokens/${enc(id)}`),
};
