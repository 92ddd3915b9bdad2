// The one mapping from API errors to what a form shows: a plain sentence next to the field the
// server named (or above the form when the form has no such field), never the wire text
// ("title: must not be empty"). Every form in the app goes through here.
import { ApiError } from "./api";

/** Each field's name in a sentence, for messages shown away from the field itself. */
const FIELD_NOUNS: Record<string, string> = {
  title: "the title",
  name: "your name",
  email: "the email address",
  password: "the password",
  body: "the message",
  startsAt: "the start time",
  endsAt: "the end time",
  targetPath: "the page path",
  role: "the role",
  scopes: "the permissions",
};

/** What "must not be empty" asks of each field, said as a request. */
const EMPTY_ASKS: Record<string, string> = {
  title: "Enter a title.",
  name: "Enter your name.",
  email: "Enter your email address.",
  password: "Enter a password.",
  body: "Write a message.",
};

const sentence = (text: string) => {
  const trimmed = text.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1) + (/[.!?]$/.test(trimmed) ? "" : ".");
};

/** "15 minutes", "1 hour", "30 seconds": never "minute(s)". */
export function plainDuration(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  const [n, unit] =
    s < 60 ? [s, "second"] : s < 5400 ? [Math.ceil(s / 60), "minute"] : s < 172_800 ? [Math.ceil(s / 3600), "hour"] : [Math.ceil(s / 86_400), "day"];
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** Rewrites "15 minute(s)" as "15 minutes" wherever a message still says it that way. */
const pluralize = (text: string) => text.replace(/\b(\d+) (\w+)\(s\)/g, (_, n: string, unit: string) => `${n} ${unit}${n === "1" ? "" : "s"}`);

/** How a form asks for a field left empty, where the default words do not fit ("Name the token."). */
export type EmptyAsks<F extends string> = Partial<Record<F, string>>;

/** The words of a field error, for showing next to that field ("Enter a title."). */
export function fieldSentence(field: string, rawMessage: string, asks: EmptyAsks<string> = {}): string {
  const prefix = `${field}: `;
  const text = pluralize(rawMessage.startsWith(prefix) ? rawMessage.slice(prefix.length) : rawMessage).trim();
  if (/^must not be empty\.?$/i.test(text)) return asks[field] ?? EMPTY_ASKS[field] ?? "This can't be empty.";
  if (/^must be a valid email address\.?$/i.test(text)) return "Enter a valid email address.";
  if (/^must be an ISO 8601 date and time\.?$/i.test(text)) return "Enter a date and time.";
  return sentence(text);
}

/** The same error said away from its field: "The title must not be empty." */
function formSentence(field: string, rawMessage: string): string {
  const prefix = `${field}: `;
  if (!rawMessage.startsWith(prefix)) return sentence(pluralize(rawMessage));
  const noun = FIELD_NOUNS[field] ?? "this field";
  return sentence(`${noun} ${pluralize(rawMessage.slice(prefix.length))}`);
}

const FALLBACK = "Something unexpected went wrong. Please try again.";

/** An HTTP ApiError, or a socket.io acknowledgement's `{code, message}`: both say the same things. */
type ErrorLike = { code: string; message: string; field?: string; retryAfterSeconds?: number };

function asErrorLike(error: unknown): ErrorLike | null {
  if (error instanceof ApiError) return error;
  if (typeof error !== "object" || error === null) return null;
  const e = error as Partial<Record<keyof ErrorLike, unknown>>;
  if (typeof e.code !== "string" || typeof e.message !== "string") return null;
  return { code: e.code, message: e.message, field: typeof e.field === "string" ? e.field : undefined };
}

/** Plain words for any error, for places with no fields (buttons, lists, dialogs). */
export function plainError(raw: unknown): string {
  const error = asErrorLike(raw);
  if (!error) return FALLBACK;
  if (error.field) return formSentence(error.field, error.message);
  if (error.code === "rate_limited" && error.retryAfterSeconds && !/\d/.test(error.message)) {
    return `${sentence(error.message)} Try again in ${plainDuration(error.retryAfterSeconds)}.`;
  }
  return sentence(pluralize(error.message));
}

/** An error split for a form: per field it has, and one sentence for the rest. */
export type FormErrors<F extends string> = { fields: Partial<Record<F, string>>; form: string | null };

export const noErrors = <F extends string>(): FormErrors<F> => ({ fields: {}, form: null });

/** Maps an error onto a form whose fields are `fields`; an error about another field goes above the form. */
export function formErrors<F extends string>(raw: unknown, fields: readonly F[], asks: EmptyAsks<F> = {}): FormErrors<F> {
  const error = asErrorLike(raw);
  if (error?.field && (fields as readonly string[]).includes(error.field)) {
    const field = error.field as F;
    return { fields: { [field]: fieldSentence(field, error.message, asks) } as Partial<Record<F, string>>, form: null };
  }
  return { fields: {}, form: plainError(raw) };
}

/**
 * Every required field left empty, flagged at once before anything is sent (the server names only
 * the first one it meets).
 */
export function missingFields<F extends string>(values: Partial<Record<F, string>>, required: readonly F[], asks: EmptyAsks<F> = {}): FormErrors<F> {
  const fields: Partial<Record<F, string>> = {};
  for (const f of required) if (!(values[f] ?? "").trim()) fields[f] = asks[f] ?? EMPTY_ASKS[f] ?? "This can't be empty.";
  return { fields, form: null };
}

export const hasErrors = (e: FormErrors<string>) => e.form !== null || Object.keys(e.fields).length > 0;
