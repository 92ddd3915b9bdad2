// Unsubscribe links in announcement emails: `/api/unsubscribe?token=<userId>.<mac>`, where the mac is
// an HMAC of the account id under SESSION_SECRET. No row to store or expire: the link works for as
// long as the secret stays the same, and can only ever turn reminder emails off for that one account.
import crypto from "node:crypto";
import { z } from "zod";

const PURPOSE = "unsubscribe:announcement-emails:";

function mac(userId: string, secret: string): string {
  return crypto
    .createHmac("sha256", secret)
    .update(PURPOSE + userId)
    .digest("base64url");
}

export function unsubscribeToken(userId: string, secret: string): string {
  return `${Buffer.from(userId, "utf8").toString("base64url")}.${mac(userId, secret)}`;
}

/** The query parameter as accepted: two base64url parts, bounded. */
export const UnsubscribeToken = z.string().regex(/^[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{43}$/, "not an unsubscribe link");

/** The account the token was made for, or null when it was not made with this secret. */
export function verifyUnsubscribeToken(token: string, secret: string): string | null {
  const parsed = UnsubscribeToken.safeParse(token);
  if (!parsed.success) return null;
  const [encoded, given] = parsed.data.split(".");
  const userId = Buffer.from(encoded, "base64url").toString("utf8");
  const want = Buffer.from(mac(userId, secret));
  const got = Buffer.from(given);
  return want.length === got.length && crypto.timingSafeEqual(want, got) ? userId : null;
}

export const unsubscribeUrl = (origin: string, userId: string, secret: string): string => `${origin}/api/unsubscribe?token=${unsubscribeToken(userId, secret)}`;
