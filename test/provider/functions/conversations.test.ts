import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  getConversation,
  iterateConversations,
  listConversations,
  sendConversationFeedback,
  startOutboundCall,
} from "../../../provider/functions";
import { useEmulatorClient } from "../client/emulator-harness";

const ctx = useEmulatorClient();
let agentA: string;
let agentB: string;
const seeded: string[] = [];

beforeAll(async () => {
  const { client, emulator } = ctx;
  agentA = (await client.request<{ agent_id: string }>("agents.create", { body: { name: "A" } })).agent_id;
  agentB = (await client.request<{ agent_id: string }>("agents.create", { body: { name: "B" } })).agent_id;
  for (let day = 1; day <= 5; day++) {
    const c = await emulator.seedConversation({
      agent_id: agentA,
      status: "done",
      created_at: `2025-01-0${day}T10:00:00Z`,
      duration_seconds: day * 10,
    });
    seeded.push(c.conversation_id);
  }
  await emulator.seedConversation({ agent_id: agentB, status: "failed", created_at: "2025-01-03T10:00:00Z" });
  await emulator.seedConversation({ agent_id: agentB, status: "done", created_at: "2025-02-01T10:00:00Z" });
});
beforeEach(() => ctx.emulator.resetStats());

describe("conversations functions", () => {
  it("listConversations filters by agent, status and date range", async () => {
    expect((await listConversations(ctx.client, { agentId: agentA })).map((c) => c.conversationId).sort()).toEqual(
      [...seeded].sort(),
    );
    expect(await listConversations(ctx.client, { agentId: agentB, status: "failed" })).toHaveLength(1);
    const january = await listConversations(ctx.client, { startDate: "2025-01-02", endDate: "2025-01-31" });
    expect(january.map((c) => c.createdAt).every((d) => d !== undefined && d >= "2025-01-02" && d < "2025-02")).toBe(
      true,
    );
    expect(january).toHaveLength(5);
  });

  it("iterateConversations walks more than two pages lazily", async () => {
    const ids: string[] = [];
    for await (const c of iterateConversations(ctx.client, { pageSize: 2 })) ids.push(c.conversationId);
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
    expect((await ctx.emulator.stats()).byRoute["GET /v1/convai/conversations"]).toBeGreaterThanOrEqual(4);
  });

  it("getConversation returns the full record; a missing one is NOT_FOUND", async () => {
    const conversation = await getConversation(ctx.client, seeded[0] as string);
    expect(conversation).toMatchObject({ conversationId: seeded[0], agentId: agentA, status: "done" });
    expect(Array.isArray(conversation.transcript)).toBe(true);
    await expect(getConversation(ctx.client, "conv_missing")).rejects.toMatchObject({ status: 404, code: "NOT_FOUND" });
  });

  it("sendConversationFeedback posts the feedback; a bad rating costs no API call", async () => {
    await sendConversationFeedback(ctx.client, seeded[1] as string, {
      rating: 5,
      feedbackText: "Great",
      categories: ["helpful"],
    });
    expect(await getConversation(ctx.client, seeded[1] as string)).toMatchObject({
      feedback: { rating: 5, feedbackText: "Great" },
    });
    await ctx.emulator.resetStats();
    await expect(sendConversationFeedback(ctx.client, seeded[1] as string, { rating: 6 })).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
    });
    expect((await ctx.emulator.stats()).total).toBe(0);
  });

  it("startOutboundCall starts a call that shows up as a conversation", async () => {
    const call = await startOutboundCall(ctx.client, {
      agentId: agentA,
      toNumber: "+14155550100",
      initialMessage: "Hi",
      metadata: { customer_id: "c-1", crmRef: "X" },
    });
    const id = call.conversationId as string;
    expect(id).toMatch(/^conv_[a-z0-9]{16}$/);
    // Metadata is user data: its keys come back exactly as given, neither camelCased nor snake_cased.
    expect(await getConversation(ctx.client, id)).toMatchObject({
      agentId: agentA,
      metadata: { customer_id: "c-1", crmRef: "X" },
    });
    await expect(startOutboundCall(ctx.client, { agentId: agentA, toNumber: "4155550100" })).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
    });
  });

  it("startOutboundCall is not repeated on a 500 (no double calls)", async () => {
    await ctx.emulator.setFaults({
      errorRate: 1,
      errorStatus: 500,
      routes: ["POST /v1/convai/conversations/outbound-call"],
    });
    try {
      await expect(startOutboundCall(ctx.client, { agentId: agentA, toNumber: "+14155550101" })).rejects.toMatchObject({
        status: 500,
      });
      expect((await ctx.emulator.stats()).byRoute["POST /v1/convai/conversations/outbound-call"]).toBe(1);
    } finally {
      await ctx.emulator.clearFaults();
    }
  });
});
