// Sign-in and sign-up throttling, built the way the OWASP Authentication Cheat Sheet and
// rate-limiter-flexible's "login endpoint protection" recipe describe, so that guessing is slow and an
// attacker cannot use the limits to lock the owner out:
//  - one account from one address: 5 failures in a row, then a pause that doubles each time
//    (1 min, 2, 4, … up to a day); a successful sign-in clears it;
//  - one address across all accounts: 100 failures a day;
//  - one account across all addresses: past 20 failures an hour, addresses that have not signed in to
//    it before get one attempt a minute between them (slowed, not locked); an address the owner has
//    signed in from keeps only its own pair limit, so failures elsewhere never lock the owner out.
// An "address" is an IPv4 address or an IPv6 /64 (networkOf). Every attempt is counted BEFORE its
// password is checked, in one atomic step per counter (a Lua INCR in Redis, a synchronous map update
// in memory), so parallel requests cannot overrun a limit.
// With Redis the counters are shared by every instance; without it they live in this process and a
// restart resets them.
import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import net from "node:net";
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, RLWrapperTimeouts, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Config } from "../config";
import { ApiError } from "../http/errors";

export const LIMITS = {
  pairFailures: 5,
  firstPauseSeconds: 60,
  maxPauseSeconds: 24 * 3600,
  addressFailuresPerDay: 100,
  accountFailuresPerHour: 20,
  slowLaneSeconds: 60,
  // How long an address the owner signed in from stays exempt from the account-wide budget. At most
  // 24 days: the in-memory store expires entries with setTimeout, which overflows past 24.8 days.
  knownAddressDays: 24,
  signupsPerAddressPerHour: 10,
  // "Forgot password?": one network may ask this often an hour (then 429); one address is sent at most
  // this many links an hour (past it the answer is the same, and no mail goes: nobody learns anything).
  resetRequestsPerAddressPerHour: 20,
  resetMailsPerEmailPerHour: 3,
  // Changing one's email mails a link to the new address: one account may ask this often an hour,
  // and one address is sent this many links an hour, whichever accounts ask (then 429, next to the field).
  emailChangesPerAccountPerHour: 5,
  emailChangeMailsPerAddressPerHour: 3,
} as const;

const DAY = 24 * 3600;
/** A Redis that does not answer in this long is treated as down: the counters fall back to memory. */
const REDIS_TIMEOUT_MS = 2000;

type Limiter = RateLimiterAbstract;
type MakeLimiter = (name: string, points: number, durationSeconds: number) => Limiter;

/** A counter shared by all instances through Redis when there is one (also used by linkCredential.ts). */
export function limiterFactory(redis: Redis | undefined, prefix: string): MakeLimiter {
  return (name, points, duration) => {
    const memory = new RateLimiterMemory({ keyPrefix: name, points, duration });
    if (!redis) return memory;
    // While Redis is unreachable each instance counts on its own (insurance) instead of refusing
    // every sign-in or waiting on ioredis' offline queue.
    const shared = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}auth:${name}`,
      points,
      duration,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
    return new RLWrapperTimeouts({ limiter: shared, timeoutMs: REDIS_TIMEOUT_MS, insuranceLimiter: memory });
  };
}

/** "Too many attempts. Try again in 2 minutes." */
export function waitMessage(prefix: string, seconds: number): string {
  const [n, unit] = seconds < 60 ? [seconds, "second"] : seconds < 5400 ? [Math.ceil(seconds / 60), "minute"] : [Math.ceil(seconds / 3600), "hour"];
  return `${prefix} Try again in ${n} ${unit}${n === 1 ? "" : "s"}.`;
}

function tooMany(prefix: string, ms: number, field?: string): ApiError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new ApiError("rate_limited", waitMessage(prefix, seconds), field, seconds);
}

/** Counters are keyed by digests: no email address or IP address is written to Redis. */
export const digest = (...parts: string[]) => crypto.createHash("sha256").update(parts.join("\0")).digest("base64url");

/**
 * The network an address belongs to, for counting: an IPv6 address by its /64 (one subscriber's
 * allocation: rotating through it must not buy fresh budgets), an IPv4 one (also IPv4-mapped) as is.
 */
export function networkOf(address: string): string {
  const bare = address.replace(/%.*$/, "").replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return mapped[1];
  if (!net.isIPv6(bare)) return bare;
  const [head, tail] = bare.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** Consumes one point; `null` when the limit is reached (the caller answers 429 with `waitMs`). */
async function take(limiter: Limiter, key: string): Promise<{ res: RateLimiterRes } | { waitMs: number }> {
  try {
    return { res: await limiter.consume(key) };
  } catch (e) {
    if (e instanceof RateLimiterRes) return { waitMs: e.msBeforeNext };
    throw e;
  }
}

/** The n-th pause of one account and address (1-based): a minute, doubling, at most a day. */
const pauseSeconds = (n: number) => Math.min(LIMITS.firstPauseSeconds * 2 ** Math.min(n - 1, 20), LIMITS.maxPauseSeconds);

/** An attempt that passed the limits: report how the password check went. */
export type SignInAttempt = { succeeded(): Promise<void>; failed(): Promise<void> };

export class AuthThrottle {
  private readonly pair: Limiter;
  private readonly pauses: Limiter;
  private readonly address: Limiter;
  private readonly account: Limiter;
  private readonly slowLane: Limiter;
  private readonly known: Limiter;
  private readonly signups: Limiter;
  private readonly resetRequests: Limiter;
  private readonly resetMails: Limiter;
  private readonly emailChanges: Limiter;
  private readonly emailChangeMails: Limiter;

  constructor(redis: Redis | undefined, prefix: string) {
    const make = limiterFactory(redis, prefix);
    this.pair = make("pair", LIMITS.pairFailures, DAY);
    this.pauses = make("pauses", 1_000_000, DAY);
    this.address = make("address", LIMITS.addressFailuresPerDay, DAY);
    this.account = make("account", LIMITS.accountFailuresPerHour, 3600);
    this.slowLane = make("slow", 1, LIMITS.slowLaneSeconds);
    this.known = make("known", 1_000_000, LIMITS.knownAddressDays * DAY);
    this.signups = make("signup", LIMITS.signupsPerAddressPerHour, 3600);
    this.resetRequests = make("reset-address", LIMITS.resetRequestsPerAddressPerHour, 3600);
    this.resetMails = make("reset-email", LIMITS.resetMailsPerEmailPerHour, 3600);
    this.emailChanges = make("email-change-account", LIMITS.emailChangesPerAccountPerHour, 3600);
    this.emailChangeMails = make("email-change-address", LIMITS.emailChangeMailsPerAddressPerHour, 3600);
  }

  /**
   * Reserves one sign-in attempt for `email` from `address`, or throws 429. Points are taken here,
   * before the password is checked; a success gives back what a failure would have cost.
   */
  async beginSignIn(email: string, address: string): Promise<SignInAttempt> {
    const network = networkOf(address);
    const pairKey = digest(email, network);
    const accountKey = digest(email);
    const addressKey = digest(network);
    const refunds: Array<() => Promise<unknown>> = [];
    const refund = () => Promise.all(refunds.map((f) => f().catch(() => {})));
    const refuse = async (waitMs: number, ...more: Array<() => Promise<unknown>>) => {
      refunds.push(...more);
      await refund();
      return tooMany("Too many attempts.", waitMs);
    };

    const pair = await take(this.pair, pairKey);
    if ("waitMs" in pair) {
      // Either paused, or the last free attempts are still being checked (their failure will start
      // the next pause; the counter's own window is a day): say how long that pause will be at most.
      const pausesSoFar = (await this.pauses.get(pairKey))?.consumedPoints ?? 0;
      throw await refuse(Math.min(pair.waitMs, pauseSeconds(pausesSoFar + 1) * 1000));
    }
    const refundPair = () => this.pair.reward(pairKey, 1);

    const byAddress = await take(this.address, addressKey);
    if ("waitMs" in byAddress) throw await refuse(byAddress.waitMs, refundPair);
    refunds.push(() => this.address.reward(addressKey, 1));

    // The account-wide budget does not apply where the owner has signed in before.
    const known = (await this.known.get(pairKey)) !== null;
    if (!known) {
      const byAccount = await take(this.account, accountKey);
      if ("waitMs" in byAccount) {
        // Over budget: slowed to one attempt a minute among all unknown addresses, never locked.
        const lane = await take(this.slowLane, accountKey);
        if ("waitMs" in lane) throw await refuse(lane.waitMs, refundPair);
      } else {
        refunds.push(() => this.account.reward(accountKey, 1));
      }
    }

    return {
      succeeded: async () => {
        // The pair's count is cleared rather than refunded (a refund racing the delete could leave -1).
        await Promise.all([refund(), this.pair.delete(pairKey), this.pauses.delete(pairKey), this.known.set(pairKey, 1, LIMITS.knownAddressDays * DAY)]);
      },
      failed: async () => {
        // The failure that used up the pair's budget starts a pause, twice as long as the last one.
        if (pair.res.consumedPoints !== LIMITS.pairFailures) return;
        const pauses = (await this.pauses.consume(pairKey)).consumedPoints;
        await this.pair.block(pairKey, pauseSeconds(pauses));
      },
    };
  }

  /**
   * Counts a password-reset request from `address` for `email`: throws 429 past the network's budget;
   * resolves false when the email was sent enough links this hour (the caller then sends none, and
   * answers as always).
   */
  async beginResetRequest(email: string, address: string): Promise<boolean> {
    const byAddress = await take(this.resetRequests, digest(networkOf(address)));
    if ("waitMs" in byAddress) throw tooMany("Too many password reset requests from your network.", byAddress.waitMs);
    return !("waitMs" in (await take(this.resetMails, digest(email))));
  }

  /**
   * Counts one confirmation link mailed for an email change (a request or a resend), or throws 429
   * on the form's email field: past the account's budget, or the new address's (whoever asks).
   */
  async beginEmailChangeMail(userId: string, newEmail: string): Promise<void> {
    const byAccount = await take(this.emailChanges, digest(userId));
    if ("waitMs" in byAccount) throw tooMany("You asked to change your email several times in a short while.", byAccount.waitMs, "email");
    const byAddress = await take(this.emailChangeMails, digest(newEmail));
    if ("waitMs" in byAddress) {
      await this.emailChanges.reward(digest(userId), 1).catch(() => {}); // nothing was sent: not the account's to pay
      throw tooMany("That address was sent several confirmation links in a short while.", byAddress.waitMs, "email");
    }
  }

  /** Counts a sign-up from `address` (before the account is created), or throws 429. */
  async beginSignup(address: string): Promise<void> {
    const result = await take(this.signups, digest(networkOf(address)));
    if ("waitMs" in result) throw tooMany("Too many new accounts from your network.", result.waitMs);
  }
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * A process on this machine (tests, benchmarks, scripts), not a visitor: a loopback socket that no
 * proxy stands in front of (no TRUST_PROXY, no X-Forwarded-For). Exempt from the sign-up limit only;
 * a proxy on the same host adds X-Forwarded-For, so its visitors are still counted.
 */
export function isLocalProcess(req: IncomingMessage, config: Pick<Config, "trustProxy">): boolean {
  return config.trustProxy === 0 && LOOPBACK.has(req.socket.remoteAddress ?? "") && req.headers["x-forwarded-for"] === undefined;
}
