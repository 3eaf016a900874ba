import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  decideRetry,
  mayHaveBeenApplied,
  parseRateLimitLimit,
  parseRateLimitRemaining,
  parseRateLimitReset,
  parseRetryAfter,
  type RetryPolicy,
  serverRequestedDelay,
} from "../../../provider/client/retry";

const policy: RetryPolicy = {
  maxRetries: 4,
  maxRateLimitRetries: 12,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};
const NOW = Date.parse("2025-01-15T10:00:00Z");

describe("parseRetryAfter", () => {
  it("reads delta seconds, fractions, HTTP dates and retry-after-ms", () => {
    expect(parseRetryAfter({ "retry-after": "3" }, NOW)).toBe(3_000);
    expect(parseRetryAfter({ "retry-after": "0.25" }, NOW)).toBe(250);
    expect(parseRetryAfter({ "retry-after": new Date(NOW + 5_000).toUTCString() }, NOW)).toBe(5_000);
    expect(parseRetryAfter({ "retry-after": new Date(NOW - 5_000).toUTCString() }, NOW)).toBe(0);
    expect(parseRetryAfter({ "retry-after-ms": "120", "retry-after": "9" }, NOW)).toBe(120);
  });
  it("ignores absent and garbage values", () => {
    expect(parseRetryAfter({}, NOW)).toBeUndefined();
    expect(parseRetryAfter({ "retry-after": "soon" }, NOW)).toBeUndefined();
    expect(parseRetryAfter({ "retry-after": "-3" }, NOW)).toBeUndefined();
  });
});

describe("parseRetryAfter: values on the edge", () => {
  it("retry-after-ms wins only when it is a finite, non-negative number; 0 is a valid wait", () => {
    expect(parseRetryAfter({ "retry-after-ms": "0", "retry-after": "9" }, NOW)).toBe(0);
    expect(parseRetryAfter({ "retry-after-ms": "-5", "retry-after": "2" }, NOW)).toBe(2_000);
    expect(parseRetryAfter({ "retry-after-ms": "Infinity", "retry-after": "2" }, NOW)).toBe(2_000);
    expect(parseRetryAfter({ "retry-after-ms": "soon", "retry-after": "2" }, NOW)).toBe(2_000);
  });

  it("tolerates white space around the value", () => {
    expect(parseRetryAfter({ "retry-after": " 3 " }, NOW)).toBe(3_000);
  });

  it("accepts delta seconds or an HTTP date, nothing in between", () => {
    expect(parseRetryAfter({ "retry-after": "3s" }, NOW)).toBeUndefined();
    expect(parseRetryAfter({ "retry-after": "3abc" }, NOW)).toBeUndefined();
    // An ISO timestamp is not an HTTP date (RFC 9110 wants "Wed, 15 Jan 2025 10:00:05 GMT").
    expect(parseRetryAfter({ "retry-after": new Date(NOW + 5_000).toISOString() }, NOW)).toBeUndefined();
  });
});

describe("parseRateLimitReset", () => {
  it("reads epoch seconds (the contract) and small values as seconds from now", () => {
    expect(parseRateLimitReset({ "x-ratelimit-reset": String(NOW / 1000 + 7) }, NOW)).toBe(NOW + 7_000);
    expect(parseRateLimitReset({ "x-ratelimit-reset": "2" }, NOW)).toBe(NOW + 2_000);
    expect(parseRateLimitReset({ "x-ratelimit-reset": "x" }, NOW)).toBeUndefined();
  });
});

describe("the rate-limit headers: values on the edge", () => {
  it("X-RateLimit-Reset: fractions and white space are read, anything else is ignored", () => {
    expect(parseRateLimitReset({ "x-ratelimit-reset": " 2 " }, NOW)).toBe(NOW + 2_000);
    expect(parseRateLimitReset({ "x-ratelimit-reset": "1.25" }, NOW)).toBe(NOW + 1_250);
    expect(parseRateLimitReset({ "x-ratelimit-reset": "1.5" }, NOW)).toBe(NOW + 1_500);
    for (const garbage of ["x5", "5x", "-5", "1.", ""]) {
      expect(parseRateLimitReset({ "x-ratelimit-reset": garbage }, NOW), garbage).toBeUndefined();
    }
  });

  it("X-RateLimit-Reset from 10^9 on is epoch seconds, below it seconds from now", () => {
    expect(parseRateLimitReset({ "x-ratelimit-reset": "1000000000" }, NOW)).toBe(1e12);
    expect(parseRateLimitReset({ "x-ratelimit-reset": "999999999" }, NOW)).toBe(NOW + 999_999_999_000);
  });

  it("X-RateLimit-Remaining and -Limit are whole numbers, white space tolerated, else ignored", () => {
    expect(parseRateLimitRemaining({ "x-ratelimit-remaining": " 7 " })).toBe(7);
    expect(parseRateLimitLimit({ "x-ratelimit-limit": "600" })).toBe(600);
    expect(parseRateLimitRemaining({})).toBeUndefined();
    for (const garbage of ["-5", "5x", "x5", "1.5", ""]) {
      expect(parseRateLimitRemaining({ "x-ratelimit-remaining": garbage }), garbage).toBeUndefined();
    }
  });
});

describe("serverRequestedDelay", () => {
  it("is undefined for a 429 that names no wait at all", () => {
    expect(serverRequestedDelay(429, {}, NOW)).toBeUndefined();
    expect(serverRequestedDelay(429, { "x-ratelimit-remaining": "0" }, NOW)).toBeUndefined();
  });

  it("uses X-RateLimit-Reset only for a 429 or an exhausted budget, not for a 5xx", () => {
    const reset = { "x-ratelimit-reset": String(NOW / 1000 + 10), "x-ratelimit-remaining": "40" };
    expect(serverRequestedDelay(429, reset, NOW)).toBe(10_000);
    expect(serverRequestedDelay(503, reset, NOW)).toBeUndefined();
    expect(serverRequestedDelay(503, { ...reset, "x-ratelimit-remaining": "0" }, NOW)).toBe(10_000);
    expect(serverRequestedDelay(503, { ...reset, "retry-after": "1" }, NOW)).toBe(1_000);
  });
});

describe("backoffDelay", () => {
  it("is full jitter within the capped exponential ceiling", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, r) => {
          const delay = backoffDelay(n, policy, () => r);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.min(8_000, 500 * 2 ** n));
        },
      ),
    );
    expect(backoffDelay(0, policy, () => 0.999)).toBe(500);
    expect(backoffDelay(10, policy, () => 0.999)).toBe(7_992);
  });
});

describe("decideRetry", () => {
  const response = (status: number, headers = {}) => ({ kind: "response" as const, status, headers });
  const ctx = (method: string, extra: Partial<Parameters<typeof decideRetry>[1]> = {}) => ({
    method,
    retriesSoFar: 0,
    now: NOW,
    random: () => 0.5,
    ...extra,
  });

  it.each([408, 429, 500, 502, 503, 504])("retries GET/PATCH/DELETE on %i", (status) => {
    for (const method of ["GET", "PATCH", "DELETE"])
      expect(decideRetry(response(status), ctx(method), policy).retry).toBe(true);
  });
  it.each([400, 401, 403, 404, 409, 422])("does not retry %i", (status) => {
    expect(decideRetry(response(status), ctx("GET"), policy).retry).toBe(false);
  });
  it("retries a POST only on 429 or a connection that never reached the server", () => {
    expect(decideRetry(response(429), ctx("POST"), policy).retry).toBe(true);
    expect(decideRetry(response(500), ctx("POST"), policy).retry).toBe(false);
    expect(decideRetry(response(408), ctx("POST"), policy).retry).toBe(false);
    expect(decideRetry({ kind: "timeout" }, ctx("POST"), policy).retry).toBe(false);
    expect(decideRetry({ kind: "connection", neverSent: false }, ctx("POST"), policy).retry).toBe(false);
    expect(decideRetry({ kind: "connection", neverSent: true }, ctx("POST"), policy).retry).toBe(true);
  });
  it("retries a POST marked idempotent like a GET", () => {
    expect(decideRetry(response(500), ctx("POST", { idempotent: true }), policy).retry).toBe(true);
    expect(decideRetry({ kind: "timeout" }, ctx("POST", { idempotent: true }), policy).retry).toBe(true);
  });
  it("stops after maxRetries", () => {
    expect(decideRetry(response(503), ctx("GET", { retriesSoFar: 3 }), policy).retry).toBe(true);
    expect(decideRetry(response(503), ctx("GET", { retriesSoFar: 4 }), policy).retry).toBe(false);
  });
  it("counts 429s apart: a storm of them does not spend the error budget, and has its own limit", () => {
    expect(decideRetry(response(429), ctx("GET", { retriesSoFar: 4, rateLimitedSoFar: 11 }), policy).retry).toBe(true);
    expect(decideRetry(response(429), ctx("POST", { retriesSoFar: 4, rateLimitedSoFar: 12 }), policy).retry).toBe(
      false,
    );
    expect(decideRetry(response(503), ctx("GET", { retriesSoFar: 4, rateLimitedSoFar: 0 }), policy).retry).toBe(false);
    // A 429 naming no wait backs off by its own count, not the errors'.
    expect(decideRetry(response(429), ctx("GET", { retriesSoFar: 3, rateLimitedSoFar: 0 }), policy)).toMatchObject({
      delayMs: 250,
    });
  });
  it("waits what the server asks, capped at maxRetryAfterMs", () => {
    expect(decideRetry(response(429, { "retry-after": "2" }), ctx("GET"), policy)).toEqual({
      retry: true,
      delayMs: 2_000,
      serverRequested: true,
    });
    expect(decideRetry(response(429, { "retry-after": "3600" }), ctx("GET"), policy)).toEqual({
      retry: true,
      delayMs: 60_000,
      serverRequested: true,
    });
    expect(decideRetry(response(503), ctx("GET", { retriesSoFar: 2 }), policy)).toEqual({
      retry: true,
      delayMs: 1_000,
      serverRequested: false,
    });
  });
});

describe("mayHaveBeenApplied", () => {
  it("is true where the server may have acted without a success coming back", () => {
    expect(mayHaveBeenApplied({ kind: "timeout" })).toBe(true);
    expect(mayHaveBeenApplied({ kind: "connection", neverSent: false })).toBe(true);
    for (const status of [408, 500, 502, 503, 504]) {
      expect(mayHaveBeenApplied({ kind: "response", status, headers: {} })).toBe(true);
    }
  });
  it("is false where the answer proves the server did nothing", () => {
    expect(mayHaveBeenApplied({ kind: "connection", neverSent: true })).toBe(false);
    for (const status of [400, 401, 404, 409, 429]) {
      expect(mayHaveBeenApplied({ kind: "response", status, headers: {} })).toBe(false);
    }
  });
});
