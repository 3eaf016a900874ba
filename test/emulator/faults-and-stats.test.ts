import { request } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectError, startTestEmulator } from "./helpers";

let t: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.emu.close());
// A full reset (store, stats, faults) so each test counts from zero.
beforeEach(() => t.emu.reset());

describe("stats", () => {
  it("counts /v1/convai requests by method and route template, unknown routes by raw path", async () => {
    const { body: a } = await t.call("POST", "/agents", { name: "s" });
    await t.call("GET", `/agents/${a.agent_id}`);
    await t.call("GET", "/agents/agent_missing");
    await t.call("GET", "/agents/x/y/z/w");
    await t.call("GET", "/agents", undefined, { "xi-api-key": "wrong" });
    const stats = (await t.call("GET", "/_emulator/stats")).body;
    expect(stats).toEqual({
      total: 5,
      byRoute: {
        "POST /v1/convai/agents": 1,
        "GET /v1/convai/agents/{agent_id}": 2,
        "GET /v1/convai/agents/x/y/z/w": 1,
        "GET /v1/convai/agents": 1,
      },
      byStatus: { 200: 2, 404: 2, 401: 1 },
    });
    await t.call("POST", "/_emulator/stats/reset");
    expect((await t.call("GET", "/_emulator/stats")).body).toEqual({ total: 0, byRoute: {}, byStatus: {} });
  });
});

describe("faults", () => {
  it("answers about the configured share of requests with the configured 5xx, before any state change", async () => {
    await t.call("PUT", "/_emulator/faults", { errorRate: 0.5, errorStatus: 500, routes: ["POST /v1/convai/agents"] });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const res = await t.call("POST", "/agents", { name: `f${i}` });
      statuses.push(res.status);
      if (res.status === 500) expectError(res, 500, "INTERNAL_ERROR");
    }
    const failures = statuses.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(60);
    expect(failures).toBeLessThan(140);
    await t.call("DELETE", "/_emulator/faults");
    const total = (await t.call("GET", "/agents")).body.pagination.total_count;
    expect(total).toBe(200 - failures);
    // Other routes were outside the fault's scope.
    expect((await t.call("GET", "/agents")).status).toBe(200);
  });

  it("defaults to 503 and an errorRate of 1 fails every request", async () => {
    await t.call("PUT", "/_emulator/faults", { errorRate: 1 });
    expectError(await t.call("GET", "/agents"), 503, "INTERNAL_ERROR");
  });

  it("answers the next N requests 429 with Retry-After: 1 during a storm", async () => {
    await t.call("PUT", "/_emulator/faults", { rateLimitStorm: { count: 3 } });
    for (let i = 0; i < 3; i++) {
      const res = await t.call("GET", "/agents");
      expectError(res, 429, "RATE_LIMIT_EXCEEDED");
      expect(res.headers["retry-after"]).toBe("1");
    }
    expect((await t.call("GET", "/agents")).status).toBe(200);
  });

  it("an error burst fails exactly the next N requests, with a Retry-After when asked", async () => {
    await t.call("PUT", "/_emulator/faults", { errorBurst: { count: 2 }, errorStatus: 500, retryAfterSeconds: 0 });
    for (let i = 0; i < 2; i++) {
      const res = await t.call("GET", "/agents");
      expectError(res, 500, "INTERNAL_ERROR");
      expect(res.headers["retry-after"]).toBe("0");
    }
    expect((await t.call("GET", "/agents")).status).toBe(200);
    expect((await t.call("GET", "/_emulator/faults")).body.errorBurst).toBeUndefined();
  });

  it("adds latency", async () => {
    await t.call("PUT", "/_emulator/faults", { latencyMs: 150 });
    const started = Date.now();
    expect((await t.call("GET", "/agents")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("drops connections without an answer", async () => {
    await t.call("PUT", "/_emulator/faults", { dropRate: 1 });
    await expect(request(`${t.emu.baseUrl}/agents`, { headers: { "xi-api-key": t.emu.apiKey } })).rejects.toThrow();
    await t.call("DELETE", "/_emulator/faults");
    expect((await t.call("GET", "/agents")).status).toBe(200);
  });

  it("a lost response applies the request, then drops the connection", async () => {
    await t.call("PUT", "/_emulator/faults", { lostResponseRate: 1, routes: ["POST /v1/convai/agents"] });
    const sent = request(`${t.emu.baseUrl}/agents`, {
      method: "POST",
      headers: { "xi-api-key": t.emu.apiKey, "content-type": "application/json" },
      body: JSON.stringify({ name: "applied but unanswered" }),
    });
    await expect(sent).rejects.toThrow();
    await t.call("DELETE", "/_emulator/faults");
    const names = (await t.call("GET", "/agents?page_size=100")).body.agents.map((a: { name: string }) => a.name);
    expect(names).toContain("applied but unanswered");
  });

  it("a lost response can show as a gateway 5xx although the request was applied", async () => {
    await t.call("PUT", "/_emulator/faults", {
      lostResponseRate: 1,
      lostResponseAs: 504,
      routes: ["POST /v1/convai/tools"],
    });
    const res = await t.call("POST", "/tools", { type: "client", name: "made_anyway" });
    expectError(res, 504, "INTERNAL_ERROR");
    await t.call("DELETE", "/_emulator/faults");
    const tools = (await t.call("GET", "/tools?page_size=100")).body.tools.map((x: { name: string }) => x.name);
    expect(tools).toContain("made_anyway");
  });

  it("rejects unknown or out-of-range fault settings", async () => {
    expectError(await t.call("PUT", "/_emulator/faults", { errorRate: 2 }), 400, "VALIDATION_ERROR");
    expectError(await t.call("PUT", "/_emulator/faults", { errorStatus: 502 }), 400, "VALIDATION_ERROR");
    expectError(await t.call("PUT", "/_emulator/faults", { lag: 5 }), 400, "VALIDATION_ERROR");
    expectError(await t.call("PUT", "/_emulator/faults", { lostResponseAs: 500 }), 400, "VALIDATION_ERROR");
  });

  it("empties the store on POST /_emulator/reset", async () => {
    await t.call("POST", "/agents", { name: "gone" });
    expect((await t.call("POST", "/_emulator/reset")).status).toBe(200);
    expect((await t.call("GET", "/agents")).body.pagination.total_count).toBe(0);
  });
});
