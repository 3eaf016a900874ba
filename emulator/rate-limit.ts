/**
 * Per-key fixed window (contract "Rate Limits": 100 requests/minute by default). `limit` 0
 * turns limiting, and its headers, off.
 */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one request; `retryAfter` (seconds) is set when it is over the limit. */
  take(key: string, now = Date.now()): { headers: Record<string, string>; retryAfter?: number } {
    if (this.limit <= 0) return { headers: {} };
    let window = this.windows.get(key);
    if (!window || now >= window.start + this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    const resetMs = window.start + this.windowMs;
    const headers = {
      "x-ratelimit-limit": String(this.limit),
      "x-ratelimit-remaining": String(Math.max(0, this.limit - window.count)),
      "x-ratelimit-reset": String(Math.ceil(resetMs / 1000)),
    };
    if (window.count <= this.limit) return { headers };
    const retryAfter = Math.max(1, Math.ceil((resetMs - now) / 1000));
    return { headers: { ...headers, "retry-after": String(retryAfter) }, retryAfter };
  }

  /** What a request would see without counting it (401 answers carry the headers too). */
  peek(now = Date.now()): Record<string, string> {
    if (this.limit <= 0) return {};
    return {
      "x-ratelimit-limit": String(this.limit),
      "x-ratelimit-remaining": String(this.limit),
      "x-ratelimit-reset": String(Math.ceil((now + this.windowMs) / 1000)),
    };
  }

  reset(): void {
    this.windows.clear();
  }
}
