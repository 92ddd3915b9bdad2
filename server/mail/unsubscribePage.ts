// The small server-rendered pages of the unsubscribe link (server/api/unsubscribeRoutes.ts): no
// script, no Next bundle, so they work in any mail client's browser. Their own policy allows just
// one thing beyond the API default: a form that posts back to this server.
import type { ServerResponse } from "node:http";
import { xmlEscape as htmlEscape } from "../events/atomFeed";

/** The API's strict policy, with `form-action 'self'` so the confirm button can post; inline styles only. */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const STYLE =
  "body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:2rem 1rem;color:#1f2937;background:#fff}main{max-width:32rem;margin:0 auto}" +
  "button{font:inherit;padding:.5rem 1rem;border-radius:.375rem;border:0;background:#1d4ed8;color:#fff;cursor:pointer}" +
  "@media (prefers-color-scheme:dark){body{color:#e5e7eb;background:#111827}button{background:#3b82f6;color:#0b1120}}";

export type UnsubscribePage = { kind: "confirm"; token: string } | { kind: "done" } | { kind: "bad-link" } | { kind: "bad-request"; message: string };

export const CRITICAL_NOTE =
  "Critical announcements (outages, urgent maintenance) are still emailed when you were away; you can always read every announcement in Tandem.";

export function sendUnsubscribePage(res: ServerResponse, page: UnsubscribePage): void {
  const { status, title, html } = render(page);
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": PAGE_CSP });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${htmlEscape(title)} · Tandem</title><style>${STYLE}</style></head><body><main><h1>${htmlEscape(title)}</h1>${html}</main></body></html>`,
  );
}

function render(page: UnsubscribePage): { status: number; title: string; html: string } {
  switch (page.kind) {
    case "confirm":
      // A GET only shows this: mail scanners open every link, and must not unsubscribe anyone.
      // The form sends what RFC 8058's one-click POST sends, so both take the same path.
      return {
        status: 200,
        title: "Stop reminder emails?",
        html:
          `<p>Press the button to stop getting reminder emails about Tandem announcements. ${htmlEscape(CRITICAL_NOTE)}</p>` +
          `<form method="post" action="/api/unsubscribe?token=${htmlEscape(encodeURIComponent(page.token))}">` +
          '<input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>',
      };
    case "done":
      return {
        status: 200,
        title: "You are unsubscribed",
        html: `<p>You will no longer get reminder emails about announcements. ${htmlEscape(CRITICAL_NOTE)}</p>`,
      };
    case "bad-link":
      return {
        status: 404,
        title: "This link does not work",
        html: "<p>The unsubscribe link is incomplete or no longer valid. Copy the whole link from the email, or ask the people who run this Tandem.</p>",
      };
    case "bad-request":
      return { status: 400, title: "Nothing was changed", html: `<p>${htmlEscape(page.message)}</p>` };
    default:
      return page satisfies never;
  }
}
