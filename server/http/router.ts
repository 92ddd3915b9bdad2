// A small method + path router for the JSON API served by the Node server itself.
// Handlers return a value (sent as JSON) or throw DomainError/ApiError; the router owns the response shape.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, INTERNAL_ERROR } from "./errors";

export type RouteContext = {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  url: URL;
};

export type Reply = { status?: number; body?: unknown; headers?: Record<string, string | string[]> };
// biome-ignore lint/suspicious/noConfusingVoidType: void means "the handler wrote the response itself" (streams), so plain async handlers fit
export type Handler = (ctx: RouteContext) => Promise<Reply | void> | Reply | void;

type Route = { method: string; pattern: RegExp; keys: string[]; handler: Handler };

export class Router {
  private routes: Route[] = [];

  on(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const source = path.replace(/:([a-zA-Z]+)/g, (_, key: string) => {
      keys.push(key);
      return "([^/]+)";
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), keys, handler });
    return this;
  }

  /** Finds the route for a request; `undefined` when no path matches at all. Throws ApiError (400) on a malformed path. */
  match(method: string, pathname: string): { handler: Handler; params: Record<string, string> } | "method" | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(pathname);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((k, i) => (params[k] = decodeParam(m[i + 1])));
      return { handler: route.handler, params };
    }
    return pathMatched ? "method" : undefined;
  }
}

/**
 * decodeURIComponent throws URIError on a malformed escape (`%ZZ`, a cut-off `%E2%82`, an encoded lone
 * surrogate `%ED%A0%80`); that is the client's mistake, answered 400 like any other bad input.
 */
function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError("invalid_input", "The address contains a malformed %-escape. Check the link and try again.");
  }
}

/** True when a path has a %-escape that does not decode (for paths handed to Next, which answered 500). */
export function hasMalformedEscape(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Reply["headers"] = {}): void {
  const payload = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    ...(payload ? { "Content-Type": "application/json; charset=utf-8" } : {}),
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(payload);
}

export function sendError(res: ServerResponse, error: unknown, log: (e: unknown) => void): void {
  const known = ApiError.from(error);
  if (known) {
    const headers: Record<string, string> = {};
    if (known.retryAfterSeconds) headers["Retry-After"] = String(known.retryAfterSeconds);
    sendJson(res, known.status, known.toJSON(), headers);
    return;
  }
  log(error);
  // Never leak a stack trace to the client.
  sendJson(res, INTERNAL_ERROR.status, INTERNAL_ERROR.toJSON());
}
