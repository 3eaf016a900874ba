import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../support/test-emulator";
import { expectError } from "./helpers";

let t: TestEmulator;
beforeAll(async () => {
  t = await TestEmulator.start({ rateLimit: 5 });
});
afterAll(() => t.close());

describe("rate limits", () => {
  it("counts down X-RateLimit-Remaining, then answers 429 RATE_LIMIT_EXCEEDED with Retry-After", async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.api("GET", "/agents");
      expect(res.status).toBe(200);
      expect(res.headers["x-ratelimit-limit"]).toBe("5");
      const reset = Number(res.headers["x-ratelimit-reset"]);
      expect(reset).toBeGreaterThan(Date.now() / 1000);
      expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 60);
      remaining.push(res.headers["x-ratelimit-remaining"] as string);
    }
    expect(remaining).toEqual(["4", "3", "2", "1", "0"]);
    const limited = await t.api("GET", "/agents");
    expectError(limited, 429, "RATE_LIMIT_EXCEEDED");
    const retryAfter = Number(limited.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers["x-ratelimit-remaining"]).toBe("0");
  });

  it("does not count test endpoints, and reset() opens a new window", async () => {
    expect((await t.api("GET", "/_emulator/stats")).status).toBe(200);
    await t.reset();
    expect((await t.api("GET", "/agents")).headers["x-ratelimit-remaining"]).toBe("4");
  });

  it("sends no rate-limit headers when limiting is off", async () => {
    const off = await TestEmulator.start({ rateLimit: 0 });
    try {
      const res = await off.api("GET", "/agents");
      expect(res.headers["x-ratelimit-limit"]).toBeUndefined();
    } finally {
      await off.close();
    }
  });
});
