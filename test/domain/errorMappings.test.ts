// Each domain error kind as every transport answers it: HTTP (status, body, Retry-After), the socket.io
// ack, the collab close. The expectations are written out here, not read from the tables under test.
import { describe, expect, test } from "vitest";
import { z } from "zod";
import type { ServerResponse } from "node:http";
import { DOMAIN_ERROR_KINDS, DomainError, type DomainErrorKind } from "../../server/domain/errors";
import { ApiError } from "../../server/http/errors";
import { sendError } from "../../server/http/router";
import { toFailure } from "../../server/realtime/clientEvent";
import { closeFor } from "../../server/collab/errorClose";
import type { Logger } from "../../server/log";

const expected: Record<DomainErrorKind, { status: number; ack: string; close: number }> = {
  invalid_input: { status: 400, ack: "invalid_input", close: 1007 },
  unauthorized: { status: 401, ack: "unauthorized", close: 4401 },
  forbidden: { status: 403, ack: "forbidden", close: 4403 },
  not_found: { status: 404, ack: "not_found", close: 4403 },
  conflict: { status: 409, ack: "internal", close: 1011 },
  rate_limited: { status: 429, ack: "rate_limited", close: 1013 },
};

/** Just enough of a ServerResponse to record what sendError writes. */
function recordingResponse() {
  const answer = { status: 0, headers: {} as Record<string, string>, body: "" };
  const res = {
    writeHead(status: number, headers: Record<string, string>) {
      answer.status = status;
      answer.headers = headers;
      return res;
    },
    end(body: string) {
      answer.body = body;
      return res;
    },
  };
  return { res: res as unknown as ServerResponse, answer };
}

function recordingLog() {
  const errors: unknown[] = [];
  const log = { error: (obj: unknown) => void errors.push(obj) } as unknown as Logger;
  return { log, errors };
}

test("the test covers every kind there is", () => {
  expect([...DOMAIN_ERROR_KINDS].sort()).toEqual(Object.keys(expected).sort());
});

describe.each(DOMAIN_ERROR_KINDS)("%s", (kind) => {
  const want = expected[kind];

  test(`HTTP: ${want.status} with the API's error body`, () => {
    const { res, answer } = recordingResponse();
    const logged: unknown[] = [];
    sendError(res, new DomainError(kind, "Plain words.", "title"), (e) => logged.push(e));
    expect(answer.status).toBe(want.status);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: kind, message: "Plain words.", field: "title" } });
    expect(answer.headers["Retry-After"]).toBeUndefined();
    expect(logged).toEqual([]); // an expected refusal is not an incident
  });

  test(`socket.io ack: ${want.ack}`, () => {
    const { log, errors } = recordingLog();
    const ack = toFailure(new DomainError(kind, "Plain words."), log, "comment:create");
    if (want.ack === "internal") {
      expect(ack).toEqual({ ok: false, error: { code: "internal", message: "Something went wrong on our side. Please try again." } });
      expect(errors).toHaveLength(1); // not in the socket contract: logged, and the client learns nothing
    } else {
      expect(ack).toEqual({ ok: false, error: { code: want.ack, message: "Plain words." } });
      expect(errors).toEqual([]);
    }
  });

  test(`collab close: ${want.close}`, () => {
    const close = closeFor(new DomainError(kind, "Plain words."));
    expect(close.code).toBe(want.close);
    expect(close.reason.length).toBeGreaterThan(0);
  });
});

describe("beyond the kinds", () => {
  test("HTTP: no field, no field key; rate_limited carries Retry-After", () => {
    const { res, answer } = recordingResponse();
    sendError(res, new DomainError("rate_limited", "Slow down.", undefined, 30), () => {});
    expect(answer.status).toBe(429);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: "rate_limited", message: "Slow down." } });
    expect(answer.headers["Retry-After"]).toBe("30");
  });

  test("HTTP: an HTTP-only ApiError keeps its status; anything else is a logged 500 that reveals nothing", () => {
    const tooLarge = recordingResponse();
    sendError(tooLarge.res, new ApiError("payload_too_large", "Too big."), () => {});
    expect(tooLarge.answer.status).toBe(413);

    const crash = recordingResponse();
    const logged: unknown[] = [];
    sendError(crash.res, new Error("secret stack"), (e) => logged.push(e));
    expect(crash.answer.status).toBe(500);
    expect(JSON.parse(crash.answer.body)).toEqual({ error: { code: "internal", message: "Something went wrong on our side. Please try again." } });
    expect(logged).toHaveLength(1);
  });

  test("socket.io: a payload that fails its schema is invalid_input naming the field; a crash is internal and logged", () => {
    const { log, errors } = recordingLog();
    const parsed = z.object({ body: z.string().min(1, "must not be empty") }).safeParse({ body: "" });
    if (parsed.success) throw new Error("the schema accepted an empty body");
    expect(toFailure(parsed.error, log, "comment:create")).toEqual({ ok: false, error: { code: "invalid_input", message: "body: must not be empty" } });
    expect(toFailure(new Error("boom"), log, "comment:create").error.code).toBe("internal");
    expect(errors).toHaveLength(1);
  });

  test("collab: an unexpected failure closes with InternalError (reconnect)", () => {
    expect(closeFor(new Error("boom")).code).toBe(1011);
  });
});
