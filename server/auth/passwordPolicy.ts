// Which new passwords are refused, following NIST SP 800-63B (5.1.1.2): a minimum length (the zod
// schema's 8 characters), no composition rules, and never a password that appears in a list of
// commonly used or breached passwords, or one that is the account's own email or name.
// The list ships with the code (no network at run time): see common-passwords.NOTICE.txt.
import fs from "node:fs";
import path from "node:path";
import { APP_ROOT } from "../appRoot";
import { ApiError } from "../http/errors";

export const TOO_COMMON = "This password is too common. Pick one that is harder to guess.";
export const LIKE_ACCOUNT = "This password is your email or name. Pick one that is harder to guess.";

let common: Set<string> | undefined;

/** Loaded on first use (10,000 lines, ~100 KB): the file is next to this module in the app folder. */
function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(path.join(APP_ROOT, "server", "auth", "common-passwords.txt"), "utf8")
      .split("\n")
      .filter(Boolean),
  );
  return common;
}

const normal = (s: string) => s.trim().toLowerCase();

/** Throws a 400 naming the `password` field when `password` may not be used by this account. */
export function checkNewPassword(password: string, account: { email: string; name: string }): void {
  const p = normal(password);
  if (commonPasswords().has(p)) throw new ApiError("invalid_input", TOO_COMMON, "password");
  const email = normal(account.email);
  if (p === email || p === email.split("@")[0] || p === normal(account.name)) {
    throw new ApiError("invalid_input", LIKE_ACCOUNT, "password");
  }
}
