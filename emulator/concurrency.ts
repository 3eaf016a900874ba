import { EmulatorError } from "./errors";

/**
 * The live API's limit: requests being served at once, per key (live-vs-seed.md §1, DOCS
 * `models.mdx`). `max` 0 turns it off. Over the limit: 429 `too_many_concurrent_requests` with
 * `current-concurrent-requests` / `maximum-concurrent-requests`. Whether those headers come on
 * other responses is not documented (§6), so they are sent on the 429 only.
 */
export class ConcurrencyLimiter {
  private current = new Map<string, number>();

  constructor(readonly max: number) {}

  /** Takes a slot for `key`; the returned function gives it back. Throws the 429 when none is free. */
  acquire(key: string): () => void {
    if (this.max <= 0) return () => {};
    const now = this.current.get(key) ?? 0;
    if (now >= this.max) {
      throw new EmulatorError(
        429,
        "TOO_MANY_CONCURRENT_REQUESTS",
        `too many concurrent requests: ${now} running, at most ${this.max}`,
        { current: now, limit: this.max },
        { "current-concurrent-requests": String(now + 1), "maximum-concurrent-requests": String(this.max) },
      );
    }
    this.current.set(key, now + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.current.get(key) ?? 1) - 1;
      if (left <= 0) this.current.delete(key);
      else this.current.set(key, left);
    };
  }
}
