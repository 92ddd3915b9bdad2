// Random bearer secrets (session cookies, personal access tokens), stored only as keyed hashes.
import crypto from "node:crypto";

export function newToken(prefix = ""): string {
  return prefix + crypto.randomBytes(32).toString("base64url");
}

export function hashToken(token: string, secret: string): string {
  return crypto.createHmac("sha256", secret).update(token).digest("base64url");
}
