import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, startTestEmulator } from "./helpers";

let t: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  t = await startTestEmulator({ rateLimit: 5 });
});
afterAll(() => t.emu.close());

describe("rate limits", () => {
  it("counts down X-RateLimit-Remaining, then answers 429 RATE_LIMIT_EXCEEDED with Retry-After", async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.call("GET", "/agents");
      expect(res.status).toBe(200);
      expect(res.headers["x-ratelimit-limit"]).toBe("5");
      const reset = Number(res.headers["x-ratelimit-reset"]);
      expect(reset).toBeGreaterThan(Date.now() / 1000);
      expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 60);
      remaining.push(res.headers["x-ratelimit-remaining"] as string);
    }
    expect(remaining).toEqual(["4", "3", "2", "1", "0"]);
    const limited = await t.call("GET", "/agents");
    expectError(limited, 429, "RATE_LIMIT_EXCEEDED");
    const retryAfter = Number(limited.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers["x-ratelimit-remaining"]).toBe("0");
  });

  it("does not count test endpoints, and reset() opens a new window", async () => {
    expect((await t.call("GET", "/_emulator/stats")).status).toBe(200);
    await t.emu.reset();
    expect((await t.call("GET", "/agents")).headers["x-ratelimit-remaining"]).toBe("4");
  });

  it("sends no rate-limit headers when limiting is off", async () => {
    const off = await startTestEmulator({ rateLimit: 0 });
    try {
      const res = await off.call("GET", "/agents");
      expect(res.headers["x-ratelimit-limit"]).toBeUndefined();
    } finally {
      await off.emu.close();
    }
  });
});
