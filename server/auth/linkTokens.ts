// Share-link secrets. A link's token is looked up by its keyed hash (as session tokens are) and kept
// sealed with AES-256-GCM under a key derived from SESSION_SECRET, so that the owner can copy the link
// again at any time (as Google Docs shows it again) while a copy of the database alone holds no
// working link. Tokens are never logged: only the link's id is.
import crypto from "node:crypto";
import { hashToken, newToken } from "./tokens";

const SEAL_INFO = "tandem share-link seal v1";

export class LinkSecrets {
  private readonly key: Buffer;

  constructor(private readonly sessionSecret: string) {
    this.key = Buffer.from(crypto.hkdfSync("sha256", sessionSecret, Buffer.alloc(0), SEAL_INFO, 32));
  }

  /** A new unguessable token (32 random bytes, base64url). */
  newToken(): string {
    return newToken();
  }

  hash(token: string): string {
    return hashToken(token, this.sessionSecret);
  }

  /** iv.ciphertext.tag, each base64url. */
  seal(token: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", this.key, iv);
    const data = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
    return [iv, data, cipher.getAuthTag()].map((b) => b.toString("base64url")).join(".");
  }

  /** The token back, or null when the sealed value was made under another secret (SESSION_SECRET changed). */
  open(sealed: string): string | null {
    const [iv, data, tag] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
    if (!iv || !data || !tag) return null;
    try {
      const decipher = crypto.createDecipheriv("aes-256-gcm", this.key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
    } catch {
      return null;
    }
  }
}
