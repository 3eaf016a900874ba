import { setTimeout as sleep } from "node:timers/promises";
import { parseRateLimitLimit, parseRateLimitRemaining, parseRateLimitReset, type ResponseHeaders } from "./retry";

export interface LimiterOptions {
  /**
   * Token bucket refill rate until the server announces its own (`X-RateLimit-Limit`, per minute
   * by the contract), which then replaces it. Absent: no bucket until the server announces one
   * (the live API announces none: its limits are on concurrency, see shared/api/live-vs-seed.md,
   * and a guessed 100/min made a 100-resource `up` wait ~45 s for nothing). 0: no bucket, ever.
   */
  requestsPerMinute?: number;
  /** In-flight requests at most. @default 8 */
  maxConcurrency: number;
  /** Injected for tests, with `sleep`: the clock and the waiting are parameters, as in retry.ts. */
  now?: () => number;
  /** @default node:timers/promises setTimeout */
  sleep?: (ms: number) => Promise<unknown>;
}

/**
 * The client-side limiter shared by every request of one client (and so, via `getClient`,
 * by every resource of the provider process). Three gates, checked in FIFO order:
 * - a concurrency cap;
 * - a token bucket at `requestsPerMinute` (capacity one minute's worth);
 * - the server's own word: `X-RateLimit-Remaining`/`X-RateLimit-Reset` and 429s. When the
 *   server's budget is spent, every request waits for the reset instead of each one bouncing
 *   off a 429 and backing off on its own (issue 4: a 50-resource stack under 100/min should
 *   see no 429s).
 */
export class RateLimiter {
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<unknown>;
  private perMinute: number;
  /** Whether an announced `X-RateLimit-Limit` sets the bucket's rate (not when configured 0). */
  private readonly followsServer: boolean;
  private capacity: number;
  private tokens: number;
  private lastRefill: number;
  private inFlight = 0;
  private pausedUntil = 0;
  /** Requests the server will still accept before `serverResetAt`, as last reported minus those sent since. */
  private serverRemaining: number | undefined;
  private serverResetAt = 0;
  private queue: Promise<void> = Promise.resolve();
  /** The in-flight cap: the configured one, lowered by the server's concurrency refusals. */
  private concurrency: number;
  private readonly configuredConcurrency: number;
  /** Requests accepted since the cap was last lowered or raised (see `accepted`). */
  private acceptedInARow = 0;
  private slotFreed: (() => void) | undefined;

  constructor(options: LimiterOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleep;
    this.perMinute = options.requestsPerMinute ?? 0;
    this.followsServer = options.requestsPerMinute !== 0;
    this.capacity = Math.max(1, this.perMinute);
    this.tokens = this.capacity;
    this.lastRefill = this.now();
    this.concurrency = options.maxConcurrency;
    this.configuredConcurrency = options.maxConcurrency;
  }

  /** The in-flight cap in force. */
  get maxConcurrency(): number {
    return this.concurrency;
  }

  /**
   * The server refused a request for concurrency (the live API's 429 too_many_concurrent_requests):
   * the requests still in flight are what it allows now, so that becomes the cap (at least 1),
   * instead of every request bouncing off 429s until its retries run out.
   */
  concurrencyRefused(): void {
    this.concurrency = Math.max(1, Math.min(this.concurrency, this.inFlight));
    this.acceptedInARow = 0;
  }

  /**
   * The server accepted a request. The concurrency it allows is the workspace's, shared with its
   * calls and other clients, so a refusal says little about later: after a cap's worth of
   * acceptances in a row the cap grows back by one, up to the configured cap (additive increase,
   * multiplicative decrease), rather than holding a long deploy to one request at a time.
   */
  accepted(): void {
    if (this.concurrency >= this.configuredConcurrency) return;
    if (++this.acceptedInARow < this.concurrency) return;
    this.concurrency++;
    this.acceptedInARow = 0;
    const wake = this.slotFreed;
    this.slotFreed = undefined;
    wake?.();
  }

  /** Waits for a slot; the returned function releases it (idempotent). */
  async acquire(): Promise<() => void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    await turn;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      const wake = this.slotFreed;
      this.slotFreed = undefined;
      wake?.();
    };
  }

  /** Every request of this client waits until `until` (ms epoch); never shortens a pause. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** The bucket's current rate (the server's announced limit once seen); 0 while there is none. */
  get requestsPerMinute(): number {
    return this.perMinute;
  }

  /** Learns the server's budget from a response's rate-limit headers. */
  observe(headers: ResponseHeaders): void {
    const now = this.now();
    const remaining = parseRateLimitRemaining(headers);
    const limit = parseRateLimitLimit(headers);
    // A plan's real limit beats the documented default: a 1,000/min workspace should not be held
    // to 100/min, nor a stricter one bounced off 429s.
    if (limit !== undefined && limit > 0 && this.followsServer && limit !== this.perMinute) {
      const hadBucket = this.perMinute > 0;
      this.bucketWait(now);
      this.lastRefill = now;
      this.perMinute = limit;
      this.capacity = limit;
      // A first bucket starts with what the server says is left of its window.
      this.tokens = Math.min(limit, hadBucket ? Math.max(this.tokens, remaining ?? 0) : (remaining ?? limit));
    }
    const reset = parseRateLimitReset(headers, now);
    if (remaining === undefined || reset === undefined || reset <= now) return;
    // Requests still in flight (other than the one answered) may not be counted in `remaining`
    // yet; assuming they are not errs on the side of waiting.
    this.serverRemaining = remaining - Math.max(0, this.inFlight - 1);
    this.serverResetAt = reset;
    if (remaining === 0) this.pauseUntil(reset);
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      if (this.inFlight >= this.concurrency) {
        await new Promise<void>((resolve) => {
          this.slotFreed = resolve;
        });
        continue;
      }
      const now = this.now();
      const wait = Math.max(this.pausedUntil - now, this.bucketWait(now), this.serverWait(now));
      if (wait > 0) {
        await this.sleep(wait);
        continue;
      }
      if (this.perMinute > 0) this.tokens -= 1;
      if (this.serverRemaining !== undefined) this.serverRemaining -= 1;
      this.inFlight++;
      return;
    }
  }

  private bucketWait(now: number): number {
    const perMinute = this.perMinute;
    if (perMinute <= 0) return 0;
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.lastRefill) * perMinute) / 60_000);
    this.lastRefill = now;
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 60_000) / perMinute);
  }

  private serverWait(now: number): number {
    if (this.serverRemaining === undefined) return 0;
    if (now >= this.serverResetAt) {
      this.serverRemaining = undefined;
      return 0;
    }
    return this.serverRemaining > 0 ? 0 : this.serverResetAt - now;
  }
}
