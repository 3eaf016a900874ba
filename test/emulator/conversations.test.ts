import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../support/test-emulator";
import { waitFor } from "../support/wait-for";
import { expectError } from "./helpers";

let t: TestEmulator;
let agentId: string;
beforeAll(async () => {
  t = await TestEmulator.start({ conversationStepMs: 50 });
  agentId = (await t.api("POST", "/agents", { name: "Caller" })).body.agent_id;
});
afterAll(() => t.close());

describe("conversations", () => {
  it("runs an outbound call from initiated through in-progress to done with a transcript", async () => {
    const res = await t.api("POST", "/conversations/outbound-call", {
      agent_id: agentId,
      to_number: "+14155551234",
      initial_message: "Hello from ACME",
      metadata: { customer_id: "c1" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ agent_id: agentId, status: "initiated", ended_at: null });
    const id = res.body.conversation_id;
    expect(id).toMatch(/^conv_/);
    const done = await waitFor(async () => {
      const c = (await t.api("GET", `/conversations/${id}`)).body;
      return c.status === "done" ? c : undefined;
    });
    expect(done.transcript[0]).toMatchObject({ role: "agent", message: "Hello from ACME" });
    expect(done.transcript.length).toBeGreaterThanOrEqual(3);
    expect(done.metadata).toMatchObject({ customer_id: "c1", language: "en" });
    expect(done.duration_seconds).toBeGreaterThanOrEqual(1);
    expect(done).toMatchObject({ has_audio: true, analysis: { resolution_status: "resolved" } });
  });

  it("rejects outbound calls for unknown agents or bad numbers", async () => {
    expect(
      expectError(
        await t.api("POST", "/conversations/outbound-call", { agent_id: "agent_x", to_number: "+14155551234" }),
        400,
        "VALIDATION_ERROR",
      ).details.field,
    ).toBe("agent_id");
    expect(
      expectError(
        await t.api("POST", "/conversations/outbound-call", { agent_id: agentId, to_number: "555" }),
        400,
        "VALIDATION_ERROR",
      ).details.field,
    ).toBe("to_number");
  });

  it("lists with agent_id, status and date filters", async () => {
    const other = (await t.api("POST", "/agents", { name: "Other" })).body.agent_id;
    await t.seedConversation({ agent_id: other, status: "failed", created_at: "2025-01-10T10:00:00Z" });
    await t.seedConversation({
      agent_id: other,
      status: "done",
      created_at: "2025-01-15T10:00:00Z",
      duration_seconds: 120,
    });
    await t.seedConversation({ agent_id: other, status: "done", created_at: "2025-02-01T10:00:00Z" });
    const byAgent = await t.api("GET", `/conversations?agent_id=${other}`);
    expect(byAgent.body.pagination.total_count).toBe(3);
    expect(Object.keys(byAgent.body.conversations[0]).sort()).toEqual([
      "agent_id",
      "conversation_id",
      "created_at",
      "duration_seconds",
      "status",
    ]);
    expect((await t.api("GET", `/conversations?agent_id=${other}&status=done`)).body.pagination.total_count).toBe(2);
    const january = await t.api(
      "GET",
      `/conversations?agent_id=${other}&start_date=2025-01-12&end_date=2025-01-31T23:59:59Z`,
    );
    expect(january.body.conversations).toHaveLength(1);
    expect(january.body.conversations[0]).toMatchObject({ status: "done", duration_seconds: 120 });
    expect(
      expectError(await t.api("GET", "/conversations?status=chatting"), 400, "VALIDATION_ERROR").details.field,
    ).toBe("status");
    expect(
      expectError(await t.api("GET", "/conversations?start_date=yesterday"), 400, "VALIDATION_ERROR").details.field,
    ).toBe("start_date");
  });

  it("records feedback and validates the rating", async () => {
    const c = await t.seedConversation({ agent_id: agentId });
    const res = await t.api("POST", `/conversations/${c.conversation_id}/feedback`, {
      rating: 5,
      feedback_text: "Great",
      categories: ["helpful"],
    });
    expect(res.body).toMatchObject({
      conversation_id: c.conversation_id,
      feedback: { rating: 5, feedback_text: "Great" },
    });
    expect((await t.api("GET", `/conversations/${c.conversation_id}`)).body.feedback.rating).toBe(5);
    expect(
      expectError(
        await t.api("POST", `/conversations/${c.conversation_id}/feedback`, { rating: 9 }),
        400,
        "VALIDATION_ERROR",
      ).details.field,
    ).toBe("rating");
    expectError(await t.api("POST", "/conversations/conv_missing/feedback", { rating: 3 }), 404, "NOT_FOUND");
    expectError(await t.api("GET", "/conversations/conv_missing"), 404, "NOT_FOUND");
  });
});
