// Structured JSON logs (pino). Never log secrets or document content.
import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: { paths: ["req.headers.cookie", "req.headers.authorization", "password", "token"], remove: true },
  });
}
