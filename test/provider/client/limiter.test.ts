import { describe, expect, it } from "vitest";
import { RateLimiter as ServerWindow } from "../../../emulator/rate-limit";
import { ElevenLabsClient } from "../../../provider/client/client";
import { RateLimiter } from "../../../provider/client/limiter";
import { TestEmulator } from "../../support/test-emulator";
import { FAST, json, SECRET_KEY, startLocalServer } from "./local-server";

/**
 * A clock that moves only when the limiter sleeps, by exactly the time it asked for: every wait
 * is recorded, so tests assert how long the limiter waits, and when, without waiting themselves.
 */
function fakeTime(start = 1_700_000_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
    /** Time passing outside the limiter (between requests). */
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** Takes `n` slots one after the other, releasing each at once. */
async function take(limiter: RateLimiter, n: number) {
  for (let i = 0; i < n; i++) (await limiter.acquire())();
}

describe("client-side limiter", () => {
  it("token bucket: a minute's worth at once, then one token per 60000/rpm ms", async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ requestsPerMinute: 1200, maxConcurrency: 10_000, ...time });
    await take(limiter, 1200);
    expect(time.sleeps).toEqual([]);
    await take(limiter, 2);
    expect(time.sleeps).toEqual([50, 50]);
  });

  it("a pause holds every request until its end, and a shorter pause never shortens it", async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ requestsPerMinute: 0, maxConcurrency: 10_000, ...time });
    limiter.pauseUntil(time.now() + 3_000);
    limiter.pauseUntil(time.now() + 1_000);
    await take(limiter, 3);
    expect(time.sleeps).toEqual([3_000]);
  });

  it("holds at most maxConcurrency slots; a released slot lets the next waiter in, in order", async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 0, maxConcurrency: 2 });
    const admitted: number[] = [];
    const held = await Promise.all([limiter.acquire(), limiter.acquire()]);
    const waiting = [3, 4].map((n) =>
      limiter.acquire().then((release) => {
        admitted.push(n);
        return release;
      }),
    );
    // Both waiters queue behind the two held slots: releasing one admits exactly the first.
    held[0]?.();
    await waiting[0];
    expect(admitted).toEqual([3]);
    held[1]?.();
    await waiting[1];
    expect(admitted).toEqual([3, 4]);
  });

  it("releasing a slot twice frees it once", async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 0, maxConcurrency: 1 });
    const release = await limiter.acquire();
    release();
    release();
    const held = await limiter.acquire();
    let second = false;
    const waiting = limiter.acquire().then((r) => {
      second = true;
      return r;
    });
    // Not a sleep: one turn of the event loop runs every promise continuation already due, and a
    // slot freed twice would have admitted the second waiter within them.
    await new Promise((resolve) => setImmediate(resolve));
    expect(second).toBe(false);
    held();
    (await waiting)();
    expect(second).toBe(true);
  });

  it("adopts the limit the server announces in X-RateLimit-Limit, up and down", async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ requestsPerMinute: 100, maxConcurrency: 10_000, ...time });
    const reset = String(time.now() / 1000 + 60);
    limiter.observe({ "x-ratelimit-limit": "1000", "x-ratelimit-remaining": "999", "x-ratelimit-reset": reset });
    expect(limiter.requestsPerMinute).toBe(1000);
    // Far more than the 100/min it started with, without a single wait.
    await take(limiter, 900);
    expect(time.sleeps).toEqual([]);
    limiter.observe({ "x-ratelimit-limit": "20", "x-ratelimit-remaining": "5", "x-ratelimit-reset": reset });
    expect(limiter.requestsPerMinute).toBe(20);
    // The server's 5 remaining go out at once; the sixth waits for the window's reset, 60 s on.
    await take(limiter, 6);
    expect(time.sleeps).toEqual([60_000]);
  });

  it("without a configured rate, holds no bucket until the server announces a limit, then starts from its remaining count", async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ maxConcurrency: 10_000, ...time });
    // A server that states no limit (the live API) is not held to a guessed one.
    await take(limiter, 500);
    expect(time.sleeps).toEqual([]);
    expect(limiter.requestsPerMinute).toBe(0);
    limiter.observe({ "x-ratelimit-limit": "60", "x-ratelimit-remaining": "10" });
    expect(limiter.requestsPerMinute).toBe(60);
    await take(limiter, 10);
    expect(time.sleeps).toEqual([]);
    await take(limiter, 1);
    expect(time.sleeps).toEqual([1_000]); // one token at 60/min
  });

  it("configured 0, never holds a bucket, whatever the server announces", async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ requestsPerMinute: 0, maxConcurrency: 10_000, ...time });
    limiter.observe({ "x-ratelimit-limit": "60" });
    expect(limiter.requestsPerMinute).toBe(0);
    await take(limiter, 200);
    expect(time.sleeps).toEqual([]);
  });

  it("a token partly earned shortens the wait to what is missing of it", async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ requestsPerMinute: 1200, maxConcurrency: 10_000, ...time });
    await take(limiter, 1200);
    time.advance(20); // 0.4 of a token at 50 ms a token
    await take(limiter, 1);
    expect(time.sleeps).toEqual([30]);
  });

  it("tokens earned before a new limit was announced count at the old rate", async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ requestsPerMinute: 60, maxConcurrency: 10_000, ...time });
    await take(limiter, 60);
    time.advance(30_000); // 30 tokens at 1/s
    limiter.observe({ "x-ratelimit-limit": "600" });
    await take(limiter, 30);
    expect(time.sleeps).toEqual([]);
    await take(limiter, 1);
    expect(time.sleeps).toEqual([100]); // the new rate: 60000 / 600
  });

  it("a lower announced limit caps the tokens at once", async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ requestsPerMinute: 1000, maxConcurrency: 10_000, ...time });
    limiter.observe({ "x-ratelimit-limit": "20" });
    await take(limiter, 20);
    expect(time.sleeps).toEqual([]);
    await take(limiter, 1);
    expect(time.sleeps).toEqual([3_000]);
  });

  it("a limit equal to its own, of 0 or absent changes nothing: rate and bucket stay as they are", async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ requestsPerMinute: 100, maxConcurrency: 10_000, ...time });
    await take(limiter, 100);
    limiter.observe({ "x-ratelimit-limit": "0" });
    limiter.observe({ "x-ratelimit-remaining": "100" });
    expect(limiter.requestsPerMinute).toBe(100);
    // The server's word on its own budget does not refill this client's bucket.
    limiter.observe({ "x-ratelimit-limit": "100", "x-ratelimit-remaining": "100" });
    await take(limiter, 1);
    expect(time.sleeps).toEqual([600]);
  });

  it("a reset time without a remaining count holds nothing", async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ requestsPerMinute: 0, maxConcurrency: 10_000, ...time });
    limiter.observe({ "x-ratelimit-reset": String(time.now() / 1000 + 60) });
    await take(limiter, 5);
    expect(time.sleeps).toEqual([]);
  });

  it("a remaining count of 0 without a reset time leaves later pauses working", async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ requestsPerMinute: 0, maxConcurrency: 10_000, ...time });
    limiter.observe({ "x-ratelimit-remaining": "0" });
    limiter.pauseUntil(time.now() + 1_000);
    await take(limiter, 1);
    expect(time.sleeps).toEqual([1_000]);
  });

  it("a later answer with budget left (sent before the server ran out) does not lift the wait for the reset", async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ requestsPerMinute: 0, maxConcurrency: 10_000, ...time });
    const reset = String(time.now() / 1000 + 60);
    limiter.observe({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset });
    limiter.observe({ "x-ratelimit-remaining": "5", "x-ratelimit-reset": reset });
    await take(limiter, 1);
    expect(time.sleeps).toEqual([60_000]);
  });

  it("a client learns the emulator's configured limit from its first answer", async () => {
    await withEmulatorClient(600, async (client) => {
      expect(client.requestsPerMinute).toBe(100);
      await client.request("agents.list");
      expect(client.requestsPerMinute).toBe(600);
    });
  });

  it("a client with default options paces nothing until a server announces its limit, then adopts it", async () => {
    for (const [rateLimit, learned] of [
      [0, 0],
      [100, 100],
    ] as const) {
      const emulator = await TestEmulator.start({ rateLimit });
      const client = new ElevenLabsClient({ apiKey: emulator.apiKey, baseUrl: emulator.baseUrl });
      try {
        expect(client.requestsPerMinute).toBe(0);
        await client.request("agents.list");
        expect(client.requestsPerMinute).toBe(learned);
      } finally {
        await client.close();
        await emulator.close();
      }
    }
  });

  // The two tests below run against a server that means what it says: it refuses with 429 every
  // request that arrives before the time it named. A client that honours the server sees no
  // refusal beyond the first; one that does not is caught by the count, not by a stopwatch.

  it("pauses every request until X-RateLimit-Reset once the server says X-RateLimit-Remaining: 0", async () => {
    const resetAt = Math.ceil(Date.now() / 1000) + 1; // epoch seconds, as the contract sends it
    const statuses: number[] = [];
    const server = await startLocalServer((_req, res) => {
      const first = statuses.length === 0;
      const status = !first && Date.now() < resetAt * 1000 ? 429 : 200;
      statuses.push(status);
      json(res, status, status === 429 ? { error: { code: "RATE_LIMIT_EXCEEDED", message: "early" } } : {}, {
        "x-ratelimit-remaining": first ? "0" : "50",
        "x-ratelimit-reset": String(first ? resetAt : resetAt + 60),
      });
    });
    const client = new ElevenLabsClient({ apiKey: SECRET_KEY, baseUrl: server.baseUrl, ...FAST });
    try {
      await client.request("agents.list");
      await Promise.all(Array.from({ length: 5 }, () => client.request("agents.list")));
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it("a 429 pauses the other requests of the client too, for Retry-After", async () => {
    let refuseUntil = 0;
    const statuses: number[] = [];
    const server = await startLocalServer((_req, res) => {
      const now = Date.now();
      const status = statuses.length === 0 || now < refuseUntil ? 429 : 200;
      if (statuses.length === 0) refuseUntil = now + 1_000;
      statuses.push(status);
      json(
        res,
        status,
        status === 429 ? { error: { code: "RATE_LIMIT_EXCEEDED", message: "slow" } } : {},
        status === 429 ? { "retry-after": "1" } : {},
      );
    });
    // One slot: the other four queue behind the first, so they ask for a slot only after its 429
    // was seen, and the pause (not luck) decides when they go out.
    const client = new ElevenLabsClient({ apiKey: SECRET_KEY, baseUrl: server.baseUrl, ...FAST, maxConcurrency: 1 });
    try {
      await Promise.all(Array.from({ length: 5 }, () => client.request("agents.list")));
      expect(statuses).toEqual([429, 200, 200, 200, 200, 200]);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it("under a server's fixed window, 25 concurrent requests see (almost) no 429s", async () => {
    const window = new ServerWindow(10, 1_000);
    let rejected = 0;
    const server = await startLocalServer((_req, res) => {
      const { headers, retryAfter } = window.take("k");
      if (retryAfter !== undefined) rejected++;
      json(
        res,
        retryAfter === undefined ? 200 : 429,
        retryAfter === undefined ? {} : { error: { code: "RATE_LIMIT_EXCEEDED", message: "x" } },
        headers,
      );
    });
    const client = new ElevenLabsClient({ apiKey: SECRET_KEY, baseUrl: server.baseUrl, ...FAST, maxConcurrency: 8 });
    try {
      await Promise.all(
        Array.from({ length: 25 }, (_, i) => client.request("tools.get", { path: { tool_id: `t${i}` } })),
      );
      expect(rejected).toBeLessThanOrEqual(1);
    } finally {
      await client.close();
      await server.close();
    }
  }, 20_000);

  it("a 50-resource stack (create + read each) under the emulator's 100/min makes no 429s", async () => {
    await withEmulatorClient(100, async (client, emulator) => {
      await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const { agent_id } = await client.request<{ agent_id: string }>("agents.create", {
            body: { name: `agent ${i}` },
          });
          await client.request("agents.get", { path: { agent_id } });
        }),
      );
      // Exactly one call per operation: not a single 429 retried.
      expect((await emulator.stats()).total).toBe(100);
    });
  });
});

/** An emulator limiting to `rateLimit`/min and a client that starts at the documented 100/min. */
async function withEmulatorClient(
  rateLimit: number,
  use: (client: ElevenLabsClient, emulator: TestEmulator) => Promise<void>,
) {
  const emulator = await TestEmulator.start({ rateLimit });
  const client = new ElevenLabsClient({
    apiKey: emulator.apiKey,
    baseUrl: emulator.baseUrl,
    ...FAST,
    requestsPerMinute: 100,
  });
  try {
    await use(client, emulator);
  } finally {
    await client.close();
    await emulator.close();
  }
}

describe("RateLimiter: the server's concurrency refusals", () => {
  it("lower the in-flight cap to the requests still in flight, never below 1", async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 0, maxConcurrency: 4 });
    const releases = [await limiter.acquire(), await limiter.acquire(), await limiter.acquire()];
    releases.pop()?.(); // the refused request is done: two remain in flight
    limiter.concurrencyRefused();
    expect(limiter.maxConcurrency).toBe(2);
    for (const release of releases) release();
    limiter.concurrencyRefused();
    expect(limiter.maxConcurrency).toBe(1);
  });

  it("grow back by one after a cap's worth of accepted requests in a row, up to the configured cap", async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 0, maxConcurrency: 3 });
    limiter.concurrencyRefused(); // nothing in flight: down to 1
    expect(limiter.maxConcurrency).toBe(1);
    limiter.accepted();
    expect(limiter.maxConcurrency).toBe(2);
    limiter.accepted();
    limiter.concurrencyRefused(); // a refusal resets the count
    limiter.accepted();
    expect(limiter.maxConcurrency).toBe(1 + 1);
    for (let i = 0; i < 2; i++) limiter.accepted();
    expect(limiter.maxConcurrency).toBe(3);
    for (let i = 0; i < 10; i++) limiter.accepted();
    expect(limiter.maxConcurrency).toBe(3);
  });

  it("a client grows its lowered cap on answers only: a lost connection shows nothing", async () => {
    let n = 0;
    const server = await startLocalServer((_req, res) => {
      n++;
      if (n === 1) return json(res, 429, { detail: { status: "too_many_concurrent_requests", message: "busy" } });
      if (n <= 3) return void res.socket?.destroy();
      json(res, 200, { agent_id: "agent_1" });
    });
    const client = new ElevenLabsClient({
      apiKey: "k",
      baseUrl: server.baseUrl,
      profile: "live",
      maxConcurrency: 4,
      ...FAST,
      maxRetries: 4,
    });
    try {
      await client.request("agents.get", { path: { agent_id: "agent_1" } });
      expect(n).toBe(4);
      // Refused with nothing else in flight: 1; the one answer since grows it to 2, the two drops not at all.
      expect(client.maxConcurrency).toBe(2);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it("a waiter blocked by the lowered cap proceeds as soon as the cap grows back", async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 0, maxConcurrency: 2 });
    limiter.concurrencyRefused();
    const first = await limiter.acquire();
    let second = false;
    const waiting = limiter.acquire().then((release) => {
      second = true;
      return release;
    });
    await new Promise((r) => setImmediate(r));
    expect(second).toBe(false);
    limiter.accepted(); // the first request's answer: the cap grows to 2
    (await waiting)();
    expect(second).toBe(true);
    first();
  });
});
