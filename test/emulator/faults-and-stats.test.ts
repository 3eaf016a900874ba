import { request } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TestEmulator } from "../support/test-emulator";
import { expectError } from "./helpers";

let t: TestEmulator;
beforeAll(async () => {
  t = await TestEmulator.start();
});
afterAll(() => t.close());
// A full reset (store, stats, faults) so each test counts from zero.
beforeEach(() => t.reset());

describe("stats", () => {
  it("counts /v1/convai requests by method and route template, unknown routes by raw path", async () => {
    const { body: a } = await t.api("POST", "/agents", { name: "s" });
    await t.api("GET", `/agents/${a.agent_id}`);
    await t.api("GET", "/agents/agent_missing");
    await t.api("GET", "/agents/x/y/z/w");
    await t.api("GET", "/agents", undefined, { "xi-api-key": "wrong" });
    const stats = await t.stats();
    expect(stats).toEqual({
      total: 5,
      byRoute: {
        "POST /v1/convai/agents": 1,
        "GET /v1/convai/agents/{agent_id}": 2,
        "GET /v1/convai/agents/x/y/z/w": 1,
        "GET /v1/convai/agents": 1,
      },
      byStatus: { 200: 2, 404: 2, 401: 1 },
      faults: {},
      inFlight: 0,
    });
    await t.resetStats();
    expect(await t.stats()).toEqual({ total: 0, byRoute: {}, byStatus: {}, faults: {}, inFlight: 0 });
  });

  it("counts each fault it injects, by kind, so a test can prove its fault happened", async () => {
    await t.setFaults({ errorBurst: { count: 1 }, latencyMs: 1 });
    await t.api("GET", "/agents");
    await t.setFaults({ rateLimitStorm: { count: 2 } });
    await t.api("GET", "/agents");
    await t.api("GET", "/agents");
    await t.setFaults({ dropBurst: { count: 1 } });
    await expect(request(`${t.baseUrl}/agents`, { headers: { "xi-api-key": t.apiKey } })).rejects.toThrow();
    await t.setFaults({ lostResponseBurst: { count: 1 }, lostResponseAs: 502, latencySpike: { rate: 1, ms: 1 } });
    await t.api("GET", "/agents");
    await t.clearFaults();
    await t.api("GET", "/agents");
    expect((await t.stats()).faults).toEqual({
      error: 1,
      latency: 1,
      storm: 2,
      drop: 1,
      lostResponse: 1,
      latencySpike: 1,
    });
    await t.resetStats();
    expect((await t.stats()).faults).toEqual({});
  });
});

describe("faults", () => {
  it("answers the configured 5xx before any state change, and only on the routes named", async () => {
    // The share of errorRate is tested with chance taken out (test/emulator/faults.test.ts).
    await t.setFaults({ errorRate: 1, errorStatus: 500, routes: ["POST /v1/convai/agents"] });
    for (let i = 0; i < 5; i++) expectError(await t.api("POST", "/agents", { name: `f${i}` }), 500, "INTERNAL_ERROR");
    // Other routes were outside the fault's scope.
    const listed = await t.api("GET", "/agents");
    expect(listed.status).toBe(200);
    expect(listed.body.pagination.total_count).toBe(0);
    expect((await t.stats()).byStatus).toEqual({ 500: 5, 200: 1 });
  });

  it("defaults to 503 and an errorRate of 1 fails every request", async () => {
    await t.setFaults({ errorRate: 1 });
    expectError(await t.api("GET", "/agents"), 503, "INTERNAL_ERROR");
  });

  it("answers the next N requests 429 with Retry-After: 1 during a storm", async () => {
    await t.setFaults({ rateLimitStorm: { count: 3 } });
    for (let i = 0; i < 3; i++) {
      const res = await t.api("GET", "/agents");
      expectError(res, 429, "RATE_LIMIT_EXCEEDED");
      expect(res.headers["retry-after"]).toBe("1");
    }
    expect((await t.api("GET", "/agents")).status).toBe(200);
  });

  it("an error burst fails exactly the next N requests, with a Retry-After when asked", async () => {
    await t.setFaults({ errorBurst: { count: 2 }, errorStatus: 500, retryAfterSeconds: 0 });
    for (let i = 0; i < 2; i++) {
      const res = await t.api("GET", "/agents");
      expectError(res, 500, "INTERNAL_ERROR");
      expect(res.headers["retry-after"]).toBe("0");
    }
    expect((await t.api("GET", "/agents")).status).toBe(200);
    expect((await t.api("GET", "/_emulator/faults")).body.errorBurst).toBeUndefined();
  });

  it("adds latency", async () => {
    await t.setFaults({ latencyMs: 150 });
    const started = Date.now();
    expect((await t.api("GET", "/agents")).status).toBe(200);
    // Latency shows only as time: a kept timing bound, a lower one (a timer never fires early, so a
    // busy machine cannot fail it) with 10 ms of slack for the clocks' granularity.
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("a drop burst drops exactly the next N connections, unanswered and uncounted by status", async () => {
    await t.setFaults({ dropBurst: { count: 2 } });
    for (let i = 0; i < 2; i++) {
      await expect(request(`${t.baseUrl}/agents`, { headers: { "xi-api-key": t.apiKey } })).rejects.toThrow();
    }
    expect((await t.api("GET", "/agents")).status).toBe(200);
    expect((await t.faults()).dropBurst).toBeUndefined();
    expect(await t.stats()).toMatchObject({ total: 3, byStatus: { 200: 1 } });
  });

  it("drops connections without an answer", async () => {
    await t.setFaults({ dropRate: 1 });
    await expect(request(`${t.baseUrl}/agents`, { headers: { "xi-api-key": t.apiKey } })).rejects.toThrow();
    await t.clearFaults();
    expect((await t.api("GET", "/agents")).status).toBe(200);
  });

  it("a lost response applies the request, then drops the connection", async () => {
    await t.setFaults({ lostResponseRate: 1, routes: ["POST /v1/convai/agents"] });
    const sent = request(`${t.baseUrl}/agents`, {
      method: "POST",
      headers: { "xi-api-key": t.apiKey, "content-type": "application/json" },
      body: JSON.stringify({ name: "applied but unanswered" }),
    });
    await expect(sent).rejects.toThrow();
    await t.clearFaults();
    const names = (await t.api("GET", "/agents?page_size=100")).body.agents.map((a: { name: string }) => a.name);
    expect(names).toContain("applied but unanswered");
  });

  it("a lost response can show as a gateway 5xx although the request was applied", async () => {
    await t.setFaults({
      lostResponseRate: 1,
      lostResponseAs: 504,
      routes: ["POST /v1/convai/tools"],
    });
    const res = await t.api("POST", "/tools", { type: "client", name: "made_anyway" });
    expectError(res, 504, "INTERNAL_ERROR");
    await t.clearFaults();
    const tools = (await t.api("GET", "/tools?page_size=100")).body.tools.map((x: { name: string }) => x.name);
    expect(tools).toContain("made_anyway");
  });

  it("rejects unknown or out-of-range fault settings", async () => {
    expectError(await t.api("PUT", "/_emulator/faults", { errorRate: 2 }), 400, "VALIDATION_ERROR");
    expectError(await t.api("PUT", "/_emulator/faults", { errorStatus: 502 }), 400, "VALIDATION_ERROR");
    expectError(await t.api("PUT", "/_emulator/faults", { lag: 5 }), 400, "VALIDATION_ERROR");
    expectError(await t.api("PUT", "/_emulator/faults", { lostResponseAs: 500 }), 400, "VALIDATION_ERROR");
  });

  it("empties the store on POST /_emulator/reset", async () => {
    await t.api("POST", "/agents", { name: "gone" });
    expect((await t.api("POST", "/_emulator/reset")).status).toBe(200);
    expect((await t.api("GET", "/agents")).body.pagination.total_count).toBe(0);
  });
});
