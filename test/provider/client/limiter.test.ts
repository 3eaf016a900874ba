import { describe, expect, it } from "vitest";
import { RateLimiter as ServerWindow } from "../../../emulator/rate-limit";
import { ElevenLabsClient } from "../../../provider/client/client";
import { RateLimiter } from "../../../provider/client/limiter";
import { TestEmulator } from "../../support/test-emulator";
import { FAST, json, SECRET_KEY, startLocalServer } from "./local-server";

describe("client-side limiter", () => {
  it("token bucket: a minute's worth at once, then one token per 60000/rpm ms", async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 1200, maxConcurrency: 10_000 });
    for (let i = 0; i < 1200; i++) (await limiter.acquire())();
    const started = Date.now();
    (await limiter.acquire())();
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
  });

  it("adopts the limit the server announces in X-RateLimit-Limit, up and down", async () => {
    // A frozen clock: the bucket never refills, so only its capacity decides what gets through.
    const now = Date.now();
    const limiter = new RateLimiter({ requestsPerMinute: 100, maxConcurrency: 10_000, now: () => now });
    const reset = String(Math.ceil(now / 1000) + 60);
    limiter.observe({ "x-ratelimit-limit": "1000", "x-ratelimit-remaining": "999", "x-ratelimit-reset": reset });
    expect(limiter.requestsPerMinute).toBe(1000);
    for (let i = 0; i < 900; i++) (await limiter.acquire())();
    limiter.observe({ "x-ratelimit-limit": "20", "x-ratelimit-remaining": "5", "x-ratelimit-reset": reset });
    expect(limiter.requestsPerMinute).toBe(20);
  });

  it("a client learns the emulator's configured limit from its first answer", async () => {
    await withEmulatorClient(600, async (client) => {
      expect(client.requestsPerMinute).toBe(100);
      await client.request("agents.list");
      expect(client.requestsPerMinute).toBe(600);
    });
  });

  it("pauses every request until X-RateLimit-Reset once the server says X-RateLimit-Remaining: 0", async () => {
    const resetAt = Math.ceil(Date.now() / 1000) + 1; // epoch seconds, as the contract sends it
    const arrivals: number[] = [];
    const server = await startLocalServer((_req, res) => {
      arrivals.push(Date.now());
      const exhausted = arrivals.length === 1;
      json(
        res,
        200,
        {},
        {
          "x-ratelimit-remaining": exhausted ? "0" : "50",
          "x-ratelimit-reset": String(exhausted ? resetAt : resetAt + 60),
        },
      );
    });
    const client = new ElevenLabsClient({ apiKey: SECRET_KEY, baseUrl: server.baseUrl, ...FAST });
    try {
      await client.request("agents.list");
      await Promise.all(Array.from({ length: 5 }, () => client.request("agents.list")));
      expect(arrivals).toHaveLength(6);
      for (const t of arrivals.slice(1)) expect(t).toBeGreaterThanOrEqual(resetAt * 1000);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it("a 429 pauses the other requests of the client too, for Retry-After", async () => {
    const arrivals: { t: number; status: number }[] = [];
    const server = await startLocalServer((_req, res) => {
      const status = arrivals.length === 0 ? 429 : 200;
      arrivals.push({ t: Date.now(), status });
      json(
        res,
        status,
        status === 429 ? { error: { code: "RATE_LIMIT_EXCEEDED", message: "slow" } } : {},
        status === 429 ? { "retry-after": "1" } : {},
      );
    });
    const client = new ElevenLabsClient({ apiKey: SECRET_KEY, baseUrl: server.baseUrl, ...FAST });
    try {
      const start = Date.now();
      const first = client.request("agents.list");
      await new Promise((r) => setTimeout(r, 100)); // the 429 has been answered by now
      await Promise.all([first, ...Array.from({ length: 4 }, () => client.request("agents.list"))]);
      expect(arrivals.map((a) => a.status)).toEqual([429, 200, 200, 200, 200, 200]);
      for (const a of arrivals.slice(1)) expect(a.t - start).toBeGreaterThanOrEqual(950);
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
