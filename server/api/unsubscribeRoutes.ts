// The unsubscribe link of announcement emails (server/mail/unsubscribe.ts): turns the account's
// reminder emails off (User.announcementEmails). GET is the link a person clicks and answers a small
// page; POST is RFC 8058's one-click unsubscribe that mail clients send (List-Unsubscribe-Post).
// Critical announcements are still emailed to those who were away: the page says so.
import type { RouteContext, Router } from "../http/router";
import type { Services } from "../services";
import { verifyUnsubscribeToken } from "../mail/unsubscribe";
import { xmlEscape as htmlEscape } from "../events/atomFeed";

export function registerUnsubscribeRoutes(router: Router, services: Services): void {
  /** True when the token was good and named an account that still exists. */
  const unsubscribe = async (ctx: RouteContext): Promise<boolean> => {
    const userId = verifyUnsubscribeToken(ctx.url.searchParams.get("token") ?? "", services.config.sessionSecret);
    if (!userId) return false;
    const { count } = await services.db.user.updateMany({ where: { id: userId }, data: { announcementEmails: false } });
    return count === 1;
  };

  router.on("GET", "/api/unsubscribe", async (ctx) => {
    const done = await unsubscribe(ctx);
    page(
      ctx,
      done ? 200 : 404,
      done ? "You are unsubscribed" : "This link does not work",
      done
        ? "You will no longer get reminder emails about announcements. Critical announcements (outages, urgent maintenance) are still emailed when you were away; you can always read every announcement in Tandem."
        : "The unsubscribe link is incomplete or no longer valid. Copy the whole link from the email, or ask the people who run this Tandem.",
    );
  });

  router.on("POST", "/api/unsubscribe", async (ctx) => {
    if (!(await unsubscribe(ctx))) return page(ctx, 404, "This link does not work", "The unsubscribe link is incomplete or no longer valid.");
    return { status: 204 };
  });
}

function page(ctx: RouteContext, status: number, title: string, text: string): void {
  ctx.res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  ctx.res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${htmlEscape(title)} · Tandem</title></head><body><main><h1>${htmlEscape(title)}</h1><p>${htmlEscape(text)}</p></main></body></html>`,
  );
}
