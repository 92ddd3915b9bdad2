// The unsubscribe link of announcement emails (server/mail/unsubscribe.ts): turns the account's
// reminder emails off (User.announcementEmails). GET never changes anything (mail scanners follow
// links): it answers a page whose button POSTs. POST is RFC 8058's one-click unsubscribe that mail
// clients send (List-Unsubscribe-Post), with the body `List-Unsubscribe=One-Click`; the page's form
// sends the same. Critical announcements are still emailed to those who were away: the pages say so.
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import type { RouteContext, Router } from "../http/router";
import type { Services } from "../services";
import { mediaType, readRawBody } from "../http/rawBody";
import { verifyUnsubscribeToken } from "../mail/unsubscribe";
import { sendUnsubscribePage } from "../mail/unsubscribePage";

const MAX_BODY_BYTES = 2048;
const ONE_CLICK = "List-Unsubscribe=One-Click";
const OneClickForm = z.object({ "List-Unsubscribe": z.literal("One-Click") });

export function registerUnsubscribeRoutes(router: Router, services: Services): void {
  /** The account the link names, when the token is good and the account still exists. */
  const accountOf = async (ctx: RouteContext): Promise<string | null> => {
    const userId = verifyUnsubscribeToken(ctx.url.searchParams.get("token") ?? "", services.config.sessionSecret);
    if (!userId) return null;
    return (await services.db.user.count({ where: { id: userId } })) === 1 ? userId : null;
  };

  router.on("GET", "/api/unsubscribe", async (ctx) => {
    const userId = await accountOf(ctx);
    sendUnsubscribePage(ctx.res, userId ? { kind: "confirm", token: ctx.url.searchParams.get("token") ?? "" } : { kind: "bad-link" });
  });

  router.on("POST", "/api/unsubscribe", async (ctx) => {
    const form = await readOneClickForm(ctx.req);
    if (!form.ok) return sendUnsubscribePage(ctx.res, { kind: "bad-request", message: form.message });
    const userId = await accountOf(ctx);
    if (!userId) return sendUnsubscribePage(ctx.res, { kind: "bad-link" });
    const { count } = await services.db.user.updateMany({ where: { id: userId }, data: { announcementEmails: false } });
    if (count !== 1) return sendUnsubscribePage(ctx.res, { kind: "bad-link" });
    // A person pressing the page's button gets a page; a mail client's one-click POST just a 204.
    if (wantsHtml(ctx.req)) return sendUnsubscribePage(ctx.res, { kind: "done" });
    return { status: 204 };
  });
}

type FormResult = { ok: true } | { ok: false; message: string };

/** The one-click body, as application/x-www-form-urlencoded or multipart/form-data (RFC 8058 allows both). */
async function readOneClickForm(req: IncomingMessage): Promise<FormResult> {
  const type = mediaType(req.headers["content-type"]);
  const refused: FormResult = { ok: false, message: `Unsubscribing takes a form with ${ONE_CLICK}. Open the link from the email and press the button.` };
  if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") return refused;
  const text = Buffer.from(await readRawBody(req, MAX_BODY_BYTES, "The unsubscribe form is larger than expected.")).toString("utf8");
  const fields =
    type === "multipart/form-data"
      ? Object.fromEntries([...text.matchAll(/name="([^"]+)"\r?\n(?:[^\r\n]+\r?\n)*\r?\n([^\r\n]*)/g)].map((m) => [m[1], m[2]]))
      : Object.fromEntries(new URLSearchParams(text));
  return OneClickForm.safeParse(fields).success ? { ok: true } : refused;
}

const wantsHtml = (req: IncomingMessage) => (req.headers.accept ?? "").includes("text/html");
