// HTTP contract of /api/tokens and /api/tokens/:id: personal access tokens (made and revoked with a
// session only, see server/auth/scopes.ts for what each scope allows). `announcements:write` is for an
// administrator's deploy pipeline: it creates and revokes announcements, and only while the account is an
// administrator.
import { z } from "zod";
import { userText } from "../userText";
import { Id } from "./ids";
import { isoDateTime } from "./wire";

export const SCOPES = ["documents:read", "documents:write", "announcements:write"] as const;
export const Scope = z.enum(SCOPES, { error: `must be one of ${SCOPES.join(", ")}` });

/** A token's scopes as a request names them: at least one, repeats dropped. */
export const ScopeList = z
  .array(Scope)
  .min(1, "choose at least one scope")
  .max(SCOPES.length)
  .transform((list) => [...new Set(list)]);

// ---- requests ----
/** Without `scopes` a token gets what tokens had before scopes existed: reading and editing documents. */
export const CreateTokenBody = z.object({
  name: userText().trim().min(1, "must not be empty").max(80),
  scopes: ScopeList.default(["documents:read", "documents:write"]),
});

// ---- responses ----
export const AccessToken = z.strictObject({
  id: Id,
  name: z.string(),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
  scopes: z.array(Scope),
});
/** A freshly created token: the only time its secret is ever shown. */
export const CreatedAccessToken = z.strictObject({
  id: Id,
  name: z.string(),
  createdAt: isoDateTime,
  scopes: z.array(Scope),
  token: z.string(),
});
/** GET /api/tokens. */
export const TokenListResponse = z.strictObject({ tokens: z.array(AccessToken) });
/** POST /api/tokens (201). */
export const CreatedTokenResponse = z.strictObject({ token: CreatedAccessToken });

export type Scope = z.infer<typeof Scope>;
export type CreateTokenInput = z.input<typeof CreateTokenBody>;
export type AccessToken = z.infer<typeof AccessToken>;
export type CreatedAccessToken = z.infer<typeof CreatedAccessToken>;
export type TokenListResponse = z.infer<typeof TokenListResponse>;
export type CreatedTokenResponse = z.infer<typeof CreatedTokenResponse>;
