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
  /** `n` concurrent reads of the agent, each of which must succeed. */
  const readConcurrently = async (n: number) => {
    const results = await Promise.all(
      Array.from({ length: n }, () =>
        ctx.client.request<{ agent_id: string }>("agents.get", { path: { agent_id: agentId } }),
      ),
    );
    expect(results.map((r) => r.agent_id)).toEqual(Array(n).fill(agentId));
  };

  it("absorbs a burst of 5xx faults on GET: every call succeeds, one retry per fault", async () => {
    await ctx.emulator.setFaults({ errorBurst: { count: 8 }, errorStatus: 503, routes: [GET_AGENT] });
    await readConcurrently(20);
    expect((await ctx.emulator.faults()).errorBurst).toBeUndefined();
    const stats = await ctx.emulator.stats();
    expect(stats.byStatus).toEqual({ 503: 8, 200: 20 });
    expect(stats.byRoute).toEqual({ [GET_AGENT]: 28 });
  });

  it("absorbs dropped connections on GET: every call succeeds, one retry per drop", async () => {
    await ctx.emulator.setFaults({ dropBurst: { count: 4 }, routes: [GET_AGENT] });
    await readConcurrently(10);
    expect((await ctx.emulator.faults()).dropBurst).toBeUndefined();
    // A dropped request is counted by route but never answered, so it has no status.
    const stats = await ctx.emulator.stats();
    expect(stats.byRoute).toEqual({ [GET_AGENT]: 14 });
    expect(stats.byStatus).toEqual({ 200: 10 });
  });

  it("gives up after maxRetries with the last ApiError", async () => {
    await ctx.emulator.setFaults({ errorBurst: { count: 10 }, errorStatus: 500, routes: [GET_AGENT] });
    const error = await ctx.client.request("agents.get", { path: { agent_id: agentId } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500, path: `/agents/${agentId}` });
    // The first attempt and maxRetries (6) more, all answered 500; three of the burst are left.
    expect(await ctx.emulator.stats()).toMatchObject({ byRoute: { [GET_AGENT]: 7 }, byStatus: { 500: 7 } });
    expect((await ctx.emulator.faults()).errorBurst).toEqual({ count: 3 });
  });

  it("does not retry a POST on 500 (it may have been applied), unless marked idempotent", async () => {
    await ctx.emulator.setFaults({ errorBurst: { count: 100 }, errorStatus: 500, routes: [CREATE_AGENT] });
    await expect(ctx.client.request("agents.create", { body: { name: "once" } })).rejects.toMatchObject({
      status: 500,
    });
    expect(await ctx.emulator.stats()).toMatchObject({ byRoute: { [CREATE_AGENT]: 1 }, byStatus: { 500: 1 } });

    await ctx.emulator.resetStats();
    await expect(
      ctx.client.request("agents.create", { body: { name: "many" }, idempotent: true }),
    ).rejects.toMatchObject({ status: 500 });
    expect(await ctx.emulator.stats()).toMatchObject({ byRoute: { [CREATE_AGENT]: 7 }, byStatus: { 500: 7 } });
  });

  it("a POST whose answer is lost is not repeated when recover finds what it made", async () => {
    await ctx.emulator.setFaults({ lostResponseBurst: { count: 1 }, routes: [CREATE_AGENT] });
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
    expect((await ctx.emulator.faults()).lostResponseBurst).toBeUndefined();
    // Applied once, its answer lost (a dropped connection has no status), never sent again; the
    // one 200 is recover's listing.
    expect(await ctx.emulator.stats()).toMatchObject({ byRoute: { [CREATE_AGENT]: 1 }, byStatus: { 200: 1 } });
    const all = await ctx.client.listAll<{ name: string }>("agents.list");
    expect(all.filter((a) => a.name === "lost answer")).toHaveLength(1);
  });

  it("a POST answered 5xx is repeated when recover proves nothing was made", async () => {
    // Injected errors strike before the handler: nothing is made, so recovery finds nothing.
    await ctx.emulator.setFaults({ errorBurst: { count: 2 }, errorStatus: 503, routes: [CREATE_AGENT] });
    let lookups = 0;
    const attempt = ctx.client.request("agents.create", {
      body: { name: "never made" },
      recover: async () => {
        lookups++;
        return undefined;
      },
    });
    await expect(attempt).resolves.toMatchObject({ name: "never made" });
    expect(lookups).toBe(2);
    expect(await ctx.emulator.stats()).toMatchObject({ byRoute: { [CREATE_AGENT]: 3 }, byStatus: { 503: 2, 200: 1 } });
  });

  it("a POST refused with 429 is retried without asking recover (the server did nothing)", async () => {
    await ctx.emulator.setFaults({ rateLimitStorm: { count: 1 }, retryAfterSeconds: 0 });
    let lookups = 0;
    await ctx.client.request("agents.create", { body: { name: "after one 429" }, recover: async () => lookups++ });
    expect(lookups).toBe(0);
    expect(await ctx.emulator.stats()).toMatchObject({ byRoute: { [CREATE_AGENT]: 2 }, byStatus: { 429: 1, 200: 1 } });
  });

  // That the wait before each retry is the one Retry-After asks for is proven against a server that
  // refuses anything sent earlier (limiter.test.ts), and by the pure policy (retry.test.ts).
  it("rides out a 429 storm for GET and POST alike: one retry per 429, then the call succeeds", async () => {
    await ctx.emulator.setFaults({ rateLimitStorm: { count: 2 }, retryAfterSeconds: 0 });
    const created = await ctx.client.request<{ agent_id: string }>("agents.create", { body: { name: "after storm" } });
    expect(created.agent_id).toMatch(/^agent_[a-z0-9]{16}$/);
    await ctx.emulator.setFaults({ rateLimitStorm: { count: 2 }, retryAfterSeconds: 0 });
    const read = await ctx.client.request<{ agent_id: string }>("agents.get", { path: { agent_id: created.agent_id } });
    expect(read.agent_id).toBe(created.agent_id);
    expect(await ctx.emulator.stats()).toMatchObject({
      byRoute: { [CREATE_AGENT]: 3, [GET_AGENT]: 3 },
      byStatus: { 429: 4, 200: 2 },
    });
  });

  it("a storm longer than maxRetries is ridden out: 429s have their own budget", async () => {
    const client = new ElevenLabsClient({
      apiKey: ctx.emulator.apiKey,
      baseUrl: ctx.emulator.baseUrl,
      ...FAST,
      maxRetries: 1,
    });
    try {
      await ctx.emulator.setFaults({ rateLimitStorm: { count: 5 }, retryAfterSeconds: 0 });
      const read = await client.request<{ agent_id: string }>("agents.get", { path: { agent_id: agentId } });
      expect(read.agent_id).toBe(agentId);
      expect((await ctx.emulator.stats()).byStatus).toMatchObject({ 429: 5, 200: 1 });
    } finally {
      await client.close();
    }
  });

  it("a storm longer than maxRateLimitRetries surfaces as RateLimitError with retryAfterMs", async () => {
    const impatient = new ElevenLabsClient({
      apiKey: ctx.emulator.apiKey,
      baseUrl: ctx.emulator.baseUrl,
      ...FAST,
      maxRateLimitRetries: 0,
    });
    try {
      await ctx.emulator.setFaults({ rateLimitStorm: { count: 1 } });
      const error = await impatient.request("agents.get", { path: { agent_id: agentId } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({ status: 429, code: "RATE_LIMIT_EXCEEDED" });
      // The storm's Retry-After: 1, in milliseconds.
      expect((error as RateLimitError).retryAfterMs).toBe(1_000);
    } finally {
      await impatient.close();
    }
  });

  it("a 404 is not retried", async () => {
    await expect(ctx.client.request("agents.get", { path: { agent_id: "agent_missing" } })).rejects.toMatchObject({
      status: 404,
      code: "NOT_FOUND",
    });
    expect(await ctx.emulator.stats()).toMatchObject({ byRoute: { [GET_AGENT]: 1 }, byStatus: { 404: 1 } });
  });
});
