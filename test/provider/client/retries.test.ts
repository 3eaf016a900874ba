import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ElevenLabsClient } from "../../../provider/client/client";
import { ApiError, RateLimitError } from "../../../provider/errors";
import { useEmulatorClient } from "./emulator-harness";
import { FAST } from "./local-server";

const GET_AGENT = "GET /v1/convai/agents/{agent_id}";
const CREATE_AGENT = "POST /v1/convai/agents";

const ctx = useEmulatorClient({ maxRetries: 6 });
let agentId: string;
beforeAll(async () => {
  agentId = (await ctx.client.request<{ agent_id: string }>("agents.create", { body: { name: "retry target" } }))
    .agent_id;
});
beforeEach(async () => {
  await ctx.emulator.clearFaults();
  await ctx.emulator.resetStats();
});

describe("retries against the emulator", () => {
  it("absorbs a burst of 5xx faults on GET: every call succeeds, the stats show the retries", async () => {
    await ctx.emulator.setFaults({ errorRate: 0.3, errorStatus: 503, routes: [GET_AGENT] });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        ctx.client.request<{ agent_id: string }>("agents.get", { path: { agent_id: agentId } }),
      ),
    );
    expect(results.every((r) => r.agent_id === agentId)).toBe(true);
    const calls = (await ctx.emulator.stats()).byRoute[GET_AGENT] ?? 0;
    expect(calls).toBeGreaterThan(20);
  });

  it("absorbs dropped connections on GET", async () => {
    await ctx.emulator.setFaults({ dropRate: 0.3, routes: [GET_AGENT] });
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        ctx.client.request<{ agent_id: string }>("agents.get", { path: { agent_id: agentId } }),
      ),
    );
    expect(results.every((r) => r.agent_id === agentId)).toBe(true);
  });

  it("gives up after maxRetries with the last ApiError", async () => {
    await ctx.emulator.setFaults({ errorRate: 1, errorStatus: 500, routes: [GET_AGENT] });
    const error = await ctx.client.request("agents.get", { path: { agent_id: agentId } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500, path: `/agents/${agentId}` });
    expect((await ctx.emulator.stats()).byRoute[GET_AGENT]).toBe(7);
  });

  it("does not retry a POST on 500 (it may have been applied), unless marked idempotent", async () => {
    await ctx.emulator.setFaults({ errorRate: 1, errorStatus: 500, routes: [CREATE_AGENT] });
    await expect(ctx.client.request("agents.create", { body: { name: "once" } })).rejects.toMatchObject({
      status: 500,
    });
    expect((await ctx.emulator.stats()).byRoute[CREATE_AGENT]).toBe(1);

    await ctx.emulator.resetStats();
    await expect(
      ctx.client.request("agents.create", { body: { name: "many" }, idempotent: true }),
    ).rejects.toMatchObject({ status: 500 });
    expect((await ctx.emulator.stats()).byRoute[CREATE_AGENT]).toBe(7);
  });

  it("a POST whose answer is lost is not repeated when recover finds what it made", async () => {
    await ctx.emulator.setFaults({ lostResponseRate: 1, routes: [CREATE_AGENT] });
    const listed = async () => {
      const { agents } = await ctx.client.request<{ agents: { agent_id: string; name: string }[] }>("agents.list", {
        query: { page_size: 100 },
      });
      return agents.find((a) => a.name === "lost answer");
    };
    const created = await ctx.client.request<{ agent_id: string }>("agents.create", {
      body: { name: "lost answer" },
      recover: listed,
    });
    expect(created.agent_id).toMatch(/^agent_/);
    expect((await ctx.emulator.stats()).byRoute[CREATE_AGENT]).toBe(1);
    const all = await ctx.client.listAll<{ name: string }>("agents.list");
    expect(all.filter((a) => a.name === "lost answer")).toHaveLength(1);
  });

  it("a POST answered 5xx is repeated when recover proves nothing was made", async () => {
    // Injected errors strike before the handler: nothing is made, so recovery finds nothing.
    await ctx.emulator.setFaults({ rateLimitStorm: undefined, errorRate: 1, errorStatus: 503, routes: [CREATE_AGENT] });
    let lookups = 0;
    const attempt = ctx.client.request("agents.create", {
      body: { name: "never made" },
      recover: async () => {
        lookups++;
        if (lookups === 2) await ctx.emulator.clearFaults();
        return undefined;
      },
    });
    await expect(attempt).resolves.toMatchObject({ name: "never made" });
    expect(lookups).toBe(2);
    expect((await ctx.emulator.stats()).byRoute[CREATE_AGENT]).toBe(3);
  });

  it("a POST refused with 429 is retried without asking recover (the server did nothing)", async () => {
    await ctx.emulator.setFaults({ rateLimitStorm: { count: 1 } });
    let lookups = 0;
    await ctx.client.request("agents.create", { body: { name: "after one 429" }, recover: async () => lookups++ });
    expect(lookups).toBe(0);
  });

  it("rides out a 429 storm, honouring Retry-After, for GET and POST alike", async () => {
    await ctx.emulator.setFaults({ rateLimitStorm: { count: 2 } });
    const started = Date.now();
    const created = await ctx.client.request<{ agent_id: string }>("agents.create", { body: { name: "after storm" } });
    expect(created.agent_id).toBeTruthy();
    const stats = await ctx.emulator.stats();
    expect(stats.byRoute[CREATE_AGENT]).toBe(3);
    // The storm's 429s carry Retry-After; the client waited instead of hammering.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("a storm longer than maxRetries surfaces as RateLimitError with retryAfterMs", async () => {
    const impatient = new ElevenLabsClient({
      apiKey: ctx.emulator.apiKey,
      baseUrl: ctx.emulator.baseUrl,
      ...FAST,
      maxRetries: 0,
    });
    try {
      await ctx.emulator.setFaults({ rateLimitStorm: { count: 1 } });
      const error = await impatient.request("agents.get", { path: { agent_id: agentId } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({ status: 429, code: "RATE_LIMIT_EXCEEDED" });
      expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(0);
    } finally {
      await impatient.close();
    }
  });

  it("a 404 is not retried", async () => {
    await expect(ctx.client.request("agents.get", { path: { agent_id: "agent_missing" } })).rejects.toMatchObject({
      status: 404,
      code: "NOT_FOUND",
    });
    expect((await ctx.emulator.stats()).byRoute[GET_AGENT]).toBe(1);
  });
});
