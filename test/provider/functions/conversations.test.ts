import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ElevenLabsClient } from "../../../provider/client/client";
import {
  type Conversation,
  getConversation,
  iterateConversations,
  listConversations,
  sendConversationFeedback,
  startOutboundCall,
} from "../../../provider/functions";
import type { ProfileName } from "../../../provider/profiles/types";
import type { TestEmulator } from "../../support/test-emulator";
import { useEmulatorClient } from "../client/emulator-harness";

type Json = Record<string, any>;
const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** What each profile's callers write, and where the answer shows it: the one place the profiles differ. */
interface Case {
  createAgent(client: ElevenLabsClient, name: string): Promise<string>;
  /** Agent B's failed conversation, by the profile's own filter. */
  failedOf(agentId: string): Json;
  /** January 2–31, 2025. */
  january: Json;
  startOf(c: Conversation): string;
  feedback: Json;
  feedbackShown: Json;
  badFeedback: Json;
  /** A call, given an id of an imported number (live) and its E.164 number (seed). */
  call(agentId: string, from: { id: string; number: string }): Json;
  outboundRoute: string;
  /** The other profile's shape of the same call, for the mismatch error. */
  foreignCall(agentId: string): Json;
  foreignFilters: Json;
}

const CASES: Record<ProfileName, Case> = {
  seed: {
    createAgent: async (client, name) =>
      (await client.request<Json>("agents.create", { body: { name } })).agent_id as string,
    failedOf: (agentId) => ({ agentId, status: "failed" }),
    january: { startDate: "2025-01-02", endDate: "2025-01-31" },
    startOf: (c) => c.createdAt as string,
    feedback: { rating: 5, feedbackText: "Great", categories: ["helpful"] },
    feedbackShown: { feedback: { rating: 5, feedbackText: "Great" } },
    badFeedback: { rating: 6 },
    call: (agentId, from) => ({
      agentId,
      toNumber: "+14155550100",
      fromNumber: from.number,
      initialMessage: "Hi",
      metadata: { customer_id: "c-1", crmRef: "X" },
    }),
    outboundRoute: "POST /v1/convai/conversations/outbound-call",
    foreignCall: (agentId) => ({ agentId, agentPhoneNumberId: "pn_1", toNumber: "+14155550100" }),
    foreignFilters: { agentId: "agent_1", callStartAfterUnix: 1735689600 },
  },
  live: {
    createAgent: async (client, name) =>
      (await client.request<Json>("agents.create", { body: { name, conversation_config: {} } })).agent_id as string,
    failedOf: (agentId) => ({ agentId, excludeStatuses: ["done", "in-progress"] }),
    january: { callStartAfterUnix: unix("2025-01-02T00:00:00Z"), callStartBeforeUnix: unix("2025-02-01T00:00:00Z") },
    startOf: (c) => new Date((c.startTimeUnixSecs as number) * 1000).toISOString(),
    feedback: { feedback: "like" },
    feedbackShown: { metadata: { feedback: { overallScore: "like", likes: 1 } } },
    badFeedback: { feedback: "love" },
    call: (agentId, from) => ({
      agentId,
      agentPhoneNumberId: from.id,
      toNumber: "+14155550100",
      conversationInitiationClientData: { dynamicVariables: { customer_id: "c-1", crmRef: "X" } },
    }),
    outboundRoute: "POST /v1/convai/twilio/outbound-call",
    foreignCall: (agentId) => ({ agentId, toNumber: "+14155550100", fromNumber: "+14155550199" }),
    foreignFilters: { agentId: "agent_1", status: "done", startDate: "2025-01-02" },
  },
};

/** An imported (live) or provisioned (seed) number the agent calls from. */
async function callingNumber(profile: ProfileName, emulator: TestEmulator, agentId: string) {
  if (profile === "live") {
    const body = {
      provider: "twilio",
      phone_number: "+14155550199",
      label: "Outbound",
      sid: "AC0123456789abcdef0123456789abcdef",
      token: "t",
      agent_id: agentId,
    };
    const id = (await emulator.api("POST", "/phone-numbers", body)).body.phone_number_id as string;
    return { id, number: body.phone_number };
  }
  const made = (await emulator.api("POST", "/phone-numbers", { agent_id: agentId, country: "US", area_code: "415" }))
    .body;
  return { id: made.phone_number_id as string, number: made.phone_number as string };
}

describe.each(["seed", "live"] as const)("conversation functions (%s API profile)", (profile) => {
  const ctx = useEmulatorClient({ profile }, { profile });
  const c = CASES[profile];
  let agentA: string;
  let agentB: string;
  let from: { id: string; number: string };
  const seeded: string[] = [];

  beforeAll(async () => {
    const { client, emulator } = ctx;
    agentA = await c.createAgent(client, "A");
    agentB = await c.createAgent(client, "B");
    from = await callingNumber(profile, emulator, agentA);
    for (let day = 1; day <= 5; day++) {
      const made = await emulator.seedConversation({
        agent_id: agentA,
        status: "done",
        created_at: `2025-01-0${day}T10:00:00Z`,
        duration_seconds: day * 10,
      });
      seeded.push(made.conversation_id);
    }
    await emulator.seedConversation({ agent_id: agentB, status: "failed", created_at: "2025-01-03T10:00:00Z" });
    await emulator.seedConversation({ agent_id: agentB, status: "done", created_at: "2025-02-01T10:00:00Z" });
  });
  beforeEach(() => ctx.emulator.resetStats());

  it("listConversations filters by agent, status and time, in the profile's terms", async () => {
    const ofA = await listConversations(ctx.client, { agentId: agentA });
    expect(ofA.map((x) => x.conversationId).sort()).toEqual([...seeded].sort());
    const failed = await listConversations(ctx.client, c.failedOf(agentB) as never);
    expect(failed.map((x) => x.status)).toEqual(["failed"]);
    const january = await listConversations(ctx.client, c.january as never);
    expect(january).toHaveLength(5);
    expect(january.map(c.startOf).every((d) => d >= "2025-01-02" && d < "2025-02")).toBe(true);
  });

  it("iterateConversations walks more than two pages lazily", async () => {
    const ids: string[] = [];
    for await (const x of iterateConversations(ctx.client, { pageSize: 2 })) ids.push(x.conversationId);
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
    expect((await ctx.emulator.stats()).byRoute["GET /v1/convai/conversations"]).toBeGreaterThanOrEqual(4);
  });

  it("getConversation returns the full record in the profile's shape; a missing one is NOT_FOUND", async () => {
    const conversation = await getConversation(ctx.client, seeded[0] as string);
    expect(conversation).toMatchObject({ conversationId: seeded[0], agentId: agentA, status: "done" });
    expect(Array.isArray(conversation.transcript)).toBe(true);
    if (profile === "live") {
      expect(conversation.metadata).toMatchObject({
        startTimeUnixSecs: unix("2025-01-01T10:00:00Z"),
        callDurationSecs: 10,
      });
      expect(conversation.createdAt).toBeUndefined();
    } else expect(conversation.createdAt).toBe("2025-01-01T10:00:00Z");
    await expect(getConversation(ctx.client, "conv_missing")).rejects.toMatchObject({
      name: "NotFoundError",
      status: 404,
    });
  });

  it("sendConversationFeedback posts the profile's body; a bad one costs no API call", async () => {
    await sendConversationFeedback(ctx.client, seeded[1] as string, c.feedback as never);
    expect(await getConversation(ctx.client, seeded[1] as string)).toMatchObject(c.feedbackShown);
    await ctx.emulator.resetStats();
    await expect(
      sendConversationFeedback(ctx.client, seeded[1] as string, c.badFeedback as never),
    ).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    expect((await ctx.emulator.stats()).total).toBe(0);
  });

  it("startOutboundCall starts a call that shows up as a conversation", async () => {
    const call = await startOutboundCall(ctx.client, c.call(agentA, from) as never);
    const id = call.conversationId as string;
    expect(id).toMatch(/^conv_[a-z0-9]{16}$/);
    expect((await ctx.emulator.stats()).byRoute[c.outboundRoute]).toBe(1);
    const conversation = await getConversation(ctx.client, id);
    expect(conversation.agentId).toBe(agentA);
    // Seed: metadata is user data, its keys come back exactly as given, neither camelCased nor snake_cased.
    if (profile === "seed") expect(conversation.metadata).toMatchObject({ customer_id: "c-1", crmRef: "X" });
    else expect(call.callSid).toEqual(expect.any(String));
    await expect(
      startOutboundCall(ctx.client, { ...c.call(agentA, from), toNumber: "4155550100" } as never),
    ).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  });

  it("startOutboundCall is not repeated on a 500 (no double calls)", async () => {
    await ctx.emulator.setFaults({ errorRate: 1, errorStatus: 500, routes: [c.outboundRoute] });
    try {
      await expect(
        startOutboundCall(ctx.client, { ...c.call(agentA, from), toNumber: "+14155550101" } as never),
      ).rejects.toMatchObject({ status: 500 });
      expect((await ctx.emulator.stats()).byRoute[c.outboundRoute]).toBe(1);
    } finally {
      await ctx.emulator.clearFaults();
    }
  });

  it("the other profile's shape fails before any request, naming both profiles", async () => {
    const other = profile === "seed" ? "live" : "seed";
    const naming = new RegExp(`the ${other} API's shape, and this client speaks the ${profile} API profile`);
    const call = await startOutboundCall(ctx.client, c.foreignCall(agentA) as never).catch((e: unknown) => e);
    expect(call).toMatchObject({ code: "INVALID_ARGUMENT" });
    expect((call as Error).message).toMatch(naming);
    const list = await listConversations(ctx.client, c.foreignFilters as never).catch((e: unknown) => e);
    expect((list as Error).message).toMatch(naming);
    const feedback = await sendConversationFeedback(
      ctx.client,
      seeded[2] as string,
      CASES[other].feedback as never,
    ).catch((e: unknown) => e);
    expect((feedback as Error).message).toMatch(naming);
    expect((await ctx.emulator.stats()).total).toBe(0);
  });
});
