/**
 * The retry policy, in one place: which outcomes are retried and how long to wait.
 * Pure functions (clock and randomness are parameters) so they are tested without a server.
 */

/** Headers as undici hands them over (a repeated header arrives as an array). */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

export interface RetryPolicy {
  /** Retries after errors (5xx, 408, timeouts, connection failures). @default 4 */
  maxRetries: number;
  /**
   * Retries after 429s, counted apart: a 429 is back-pressure, not failure (the server did
   * nothing and says when to come back), so a storm of them must not fail a deploy as soon as
   * a few errors would. @default 12
   */
  maxRateLimitRetries: number;
  /** First backoff step; doubled per attempt. @default 500 */
  retryBaseDelayMs: number;
  /** Cap of the exponential backoff. @default 8_000 */
  retryMaxDelayMs: number;
  /** Cap of a server-requested wait (Retry-After / X-RateLimit-Reset). @default 60_000 */
  maxRetryAfterMs: number;
}

/** What one attempt ended with, as far as the retry decision cares. */
export type AttemptOutcome =
  | { kind: "response"; status: number; headers: ResponseHeaders }
  /** `neverSent`: the request provably never reached the server (e.g. ECONNREFUSED). */
  | { kind: "connection"; neverSent: boolean }
  | { kind: "timeout" };

export interface RetryContext {
  method: string;
  /** Caller vouches that repeating the request is harmless (lets a POST retry on 5xx). */
  idempotent?: boolean;
  /** Retries after errors so far (0 for the first retry). */
  retriesSoFar: number;
  /** Retries after 429s so far; they have their own budget. @default 0 */
  rateLimitedSoFar?: number;
  now: number;
  random?: () => number;
}

export type RetryDecision =
  | { retry: false }
  /** `serverRequested`: the wait came from the server, so every request of the client should honour it. */
  | { retry: true; delayMs: number; serverRequested: boolean };

export function header(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** `Retry-After` as delta-seconds or an HTTP date; `retry-after-ms` (openai-style) wins when present. */
export function parseRetryAfter(headers: ResponseHeaders, now: number): number | undefined {
  const ms = Number(header(headers, "retry-after-ms"));
  if (header(headers, "retry-after-ms") !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = header(headers, "retry-after")?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw) * 1000;
  // An HTTP date names its month ("Wed, 21 Oct 2015 07:28:00 GMT"); anything else is garbage.
  const date = /[a-z]{3}/i.test(raw) ? Date.parse(raw) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * `X-RateLimit-Reset` as an absolute time in ms. The contract documents epoch seconds; small
 * values (below 10^9, i.e. before 2001) are read as seconds from now, as some gateways send.
 */
export function parseRateLimitReset(headers: ResponseHeaders, now: number): number | undefined {
  const raw = header(headers, "x-ratelimit-reset")?.trim();
  if (!raw || !/^\d+(\.\d+)?$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= 1e9 ? value * 1000 : now + value * 1000;
}

export function parseRateLimitRemaining(headers: ResponseHeaders): number | undefined {
  return wholeNumber(header(headers, "x-ratelimit-remaining"));
}

/** `X-RateLimit-Limit`: requests per window (a minute, by the contract). */
export function parseRateLimitLimit(headers: ResponseHeaders): number | undefined {
  return wholeNumber(header(headers, "x-ratelimit-limit"));
}

function wholeNumber(raw: string | undefined): number | undefined {
  const trimmed = raw?.trim();
  return trimmed && /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

/**
 * How long the server asked us to wait, if it did: Retry-After first; for a 429 (or an
 * exhausted quota) X-RateLimit-Reset. A 5xx that merely carries the rate-limit headers is not
 * a request to wait until the window resets.
 */
export function serverRequestedDelay(status: number, headers: ResponseHeaders, now: number): number | undefined {
  const retryAfter = parseRetryAfter(headers, now);
  if (retryAfter !== undefined) return retryAfter;
  if (status === 429 || parseRateLimitRemaining(headers) === 0) {
    const reset = parseRateLimitReset(headers, now);
    if (reset !== undefined) return Math.max(0, reset - now);
  }
  return undefined;
}

/** Capped exponential backoff with full jitter: uniform in [0, min(max, base * 2^n)]. */
export function backoffDelay(retriesSoFar: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.retryMaxDelayMs, policy.retryBaseDelayMs * 2 ** retriesSoFar);
  return Math.round(random() * ceiling);
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Whether the server may have acted on a request although no success came back: a 5xx or 408,
 * a timeout, or a connection lost after the request went out. A 429 or a connection never
 * established proves it did not.
 */
export function mayHaveBeenApplied(outcome: AttemptOutcome): boolean {
  switch (outcome.kind) {
    case "timeout":
      return true;
    case "connection":
      return !outcome.neverSent;
    case "response":
      return outcome.status === 408 || outcome.status >= 500;
  }
}

/**
 * The one retry decision. GET/PATCH/DELETE retry on 408, 429, 5xx, connection errors and
 * timeouts. A POST may have created something already, so it retries only where the server
 * provably did not act on it: a 429, or a connection that was never established. `idempotent`
 * lifts that restriction for POSTs the caller knows are safe to repeat.
 */
export function decideRetry(outcome: AttemptOutcome, ctx: RetryContext, policy: RetryPolicy): RetryDecision {
  const rateLimited = outcome.kind === "response" && outcome.status === 429;
  const soFar = rateLimited ? (ctx.rateLimitedSoFar ?? 0) : ctx.retriesSoFar;
  if (soFar >= (rateLimited ? policy.maxRateLimitRetries : policy.maxRetries)) return { retry: false };
  const repeatable = ctx.method !== "POST" || ctx.idempotent === true;
  const backoff = (): RetryDecision => ({
    retry: true,
    delayMs: backoffDelay(soFar, policy, ctx.random),
    serverRequested: false,
  });

  switch (outcome.kind) {
    case "timeout":
      return repeatable ? backoff() : { retry: false };
    case "connection":
      return repeatable || outcome.neverSent ? backoff() : { retry: false };
    case "response": {
      if (!isRetryableStatus(outcome.status)) return { retry: false };
      if (!repeatable && outcome.status !== 429) return { retry: false };
      const requested = serverRequestedDelay(outcome.status, outcome.headers, ctx.now);
      if (requested === undefined) return backoff();
      return { retry: true, delayMs: Math.min(requested, policy.maxRetryAfterMs), serverRequested: true };
    }
  }
}
