/**
 * The Agent handler against a real emulator: what holds in both API profiles (each with its own
 * program, test/support/profile-fixtures.ts), then what is the contract's alone (its shapes, its
 * merge-patch updates, its metadata). The lifecycle both profiles share (no phantom diff, one
 * changed key per edit, crash recovery, delete, adoption) is in profiles.test.ts.
 */
import { describe, expect, it } from "vitest";
import { agentHandler as h } from "../../../provider/handlers/agent";
import { PROFILES } from "../../support/profile-fixtures";
import { checked, hasUndefined, token, useEmulator } from "./harness";

describe.each(PROFILES)("Agent handler ($profile API profile)", (fx) => {
  const ctx = useEmulator(fx.profile);
  /** The profile's agent with fields no model names, at the top and nested. */
  const program = {
    ...fx.agent,
    someFutureField: { keepMe: true },
    conversationConfig: {
      ...fx.agent.conversationConfig,
      agent: { ...fx.agent.conversationConfig.agent, customFlag: { deep: 1 } },
    },
  };
  const createAgent = async () => {
    const inputs = await checked(h, { ...program, creationToken: token("agent") });
    const { id, outs } = await h.create(inputs);
    return { id, outs: outs as Record<string, any>, inputs };
  };

  it("check normalizes without adding defaults and accepts values unknown during preview", async () => {
    const result = await h.check(
      {},
      { name: "a", conversationConfig: { agent: { first_message: "hi" } }, __provider: "x" },
    );
    expect(result.inputs).toEqual({ name: "a", conversationConfig: { agent: { firstMessage: "hi" } } });
    const preview = await h.check({}, { name: "a", conversationConfig: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
    expect(preview.failures).toBeUndefined();
  });

  it("unknown nested and top-level fields survive the round trip, in snake_case on the wire", async () => {
    const { id, outs, inputs } = await createAgent();
    const live = (await ctx.emulator.api("GET", fx.paths.agent(id))).body;
    expect(live.conversation_config.agent.custom_flag).toEqual({ deep: 1 });
    expect(live.some_future_field).toEqual({ keep_me: true });
    expect(outs.someFutureField).toEqual({ keepMe: true });
    const read = await h.read(id, outs);
    expect(read.inputs).toEqual(inputs);
    expect((await h.diff(id, read.props!, inputs)).changes).toBe(false);
  });

  it("an out-of-band edit of a managed field shows in read's inputs, and update restores it", async () => {
    const { id, outs, inputs } = await createAgent();
    await ctx.emulator.api("PATCH", fx.paths.agent(id), {
      conversation_config: { agent: { prompt: { prompt: "Edited in the dashboard" } } },
    });
    const read = await h.read(id, outs);
    expect(read.inputs!.conversationConfig.agent.prompt.prompt).toBe("Edited in the dashboard");
    expect(h.changedKeys(read.props!, inputs)).toEqual(["conversationConfig"]);
    await h.update(id, read.props!, inputs);
    const live = (await ctx.emulator.api("GET", fx.paths.agent(id))).body;
    expect(live.conversation_config.agent.prompt.prompt).toBe("You are helpful.");
  });

  it("adoptId of a missing agent fails naming the id", async () => {
    await ctx.emulator.resetStats();
    const inputs = await checked(h, { ...program, adoptId: "agent_does_not_exist" });
    await expect(h.create(inputs)).rejects.toMatchObject({
      code: "ADOPT_NOT_FOUND",
      message: expect.stringContaining("agent_does_not_exist"),
    });
    expect(Object.keys((await ctx.emulator.stats()).byRoute)).toEqual(["GET /v1/convai/agents/{agent_id}"]);
  });

  it("a 429 storm on create and a burst of 503s on read are absorbed by retries", async () => {
    await ctx.emulator.setFaults({ rateLimitStorm: { count: 2 }, retryAfterSeconds: 0 });
    await ctx.emulator.resetStats();
    const a = await createAgent();
    expect((await ctx.emulator.stats()).byStatus["429"]).toBe(2);
    await ctx.emulator.setFaults({ errorBurst: { count: 3 }, errorStatus: 503 });
    await ctx.emulator.resetStats();
    const read = await h.read(a.id, a.outs);
    expect(read.id).toBe(a.id);
    const stats = await ctx.emulator.stats();
    expect(stats.byStatus["503"]).toBe(3);
    expect(stats.byRoute["GET /v1/convai/agents/{agent_id}"]).toBe(4);
  });
});

describe("Agent handler, seed API profile (the contract's shapes, merge-patch updates and metadata)", () => {
  const ctx = useEmulator("seed");

  const program = {
    name: "Support",
    conversationConfig: {
      agent: { firstMessage: "Hello!", prompt: { prompt: "You are helpful.", toolIds: [] }, customFlag: { deep: 1 } },
      tts: { voiceId: "v1", voiceSettings: { stability: 0.5, similarityBoost: 0.75 } },
    },
    platformSettings: { auth: { enableAuth: false, allowedOrigins: ["https://example.com"] } },
    someFutureField: { keepMe: true },
    // User data whose keys case conversion would change: they must reach the API and come back verbatim.
    metadata: { customer_id: "c-1", crmRef: "X" },
  };

  async function createAgent(extra: Record<string, unknown> = {}) {
    const inputs = await checked(h, { ...program, creationToken: token("agent"), ...extra });
    const { id, outs } = await h.create(inputs);
    return { id, outs: outs as Record<string, any>, inputs };
  }

  it("check reports the dot path and a human reason for bad input, with zero API calls", async () => {
    await ctx.emulator.resetStats();
    const result = await h.check(
      {},
      { name: "x", conversationConfig: { tts: { voiceSettings: { stability: "high" } } } },
    );
    expect(result.failures).toEqual([
      {
        property: "",
        reason: 'conversationConfig.tts.voiceSettings.stability: expected a number between 0 and 1, got "high"',
      },
    ]);
    const missing = await h.check({}, {});
    expect(missing.failures).toEqual([{ property: "", reason: "name: is required (expected a string)" }]);
    expect((await ctx.emulator.stats()).total).toBe(0);
  });

  it("check never quotes a webhook signing secret it rejects", async () => {
    const webhook = { url: "https://example.com/hook", secret: 424242 };
    const result = await h.check({}, { name: "x", platformSettings: { webhook } });
    expect(result.failures).toEqual([
      {
        property: "",
        reason: "platformSettings.webhook.secret: expected a string, got a number (value hidden: secret)",
      },
    ]);
  });

  it("create, then read shows no diff: server defaults and server-set fields are ignored", async () => {
    const { id, outs, inputs } = await createAgent();
    expect(outs.agentId).toBe(id);
    expect(typeof outs.createdAt).toBe("string");
    expect(outs.isActive).toBe(true);
    expect(hasUndefined(outs)).toBe(false);
    await ctx.emulator.resetStats();
    expect(await h.diff(id, outs, inputs)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: true });
    expect((await ctx.emulator.stats()).total).toBe(0);

    const read = await h.read(id, outs);
    expect(read.id).toBe(id);
    expect(read.inputs).toEqual(inputs);
    expect((await h.diff(id, read.props!, inputs)).changes).toBe(false);
    // The live object has server defaults we never sent; they stay out of the managed inputs.
    const live = (await ctx.emulator.api("GET", `/agents/${id}`)).body;
    expect(live.conversation_config.conversation.max_duration_seconds).toBeDefined();
    expect(read.inputs!.conversationConfig.conversation).toBeUndefined();
  });

  it("user metadata keys reach the contract's metadata and come back verbatim (no case conversion)", async () => {
    const { id, outs } = await createAgent();
    const live = (await ctx.emulator.api("GET", `/agents/${id}`)).body;
    expect(live.metadata).toMatchObject({ customer_id: "c-1", crmRef: "X" });
    expect(outs.metadata).toMatchObject({ customer_id: "c-1", crmRef: "X" });
  });

  it("diff reports exactly the changed field; update sends only it as a merge patch", async () => {
    const { id, outs } = await createAgent();
    const news = await checked(h, {
      ...program,
      creationToken: outs.creationToken,
      conversationConfig: {
        ...program.conversationConfig,
        agent: { ...program.conversationConfig.agent, prompt: { prompt: "Be terse." } },
      },
    });
    expect(await h.diff(id, outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: true });
    expect(h.changedKeys(outs, news)).toEqual(["conversationConfig"]);

    // Out of band: an unmanaged field; the update must not touch it.
    await ctx.emulator.api("PATCH", `/agents/${id}`, { conversation_config: { tts: { model_id: "dashboard_model" } } });
    await ctx.emulator.resetStats();
    const { outs: after } = await h.update(id, outs, news);
    const stats = await ctx.emulator.stats();
    expect(stats.total).toBe(1);
    expect(stats.byRoute["PATCH /v1/convai/agents/{agent_id}"]).toBe(1);
    const live = (await ctx.emulator.api("GET", `/agents/${id}`)).body;
    expect(live.conversation_config.agent.prompt).toEqual({ prompt: "Be terse." }); // toolIds removed -> null
    expect(live.conversation_config.tts.model_id).toBe("dashboard_model");
    expect(live.conversation_config.tts.voice_settings.stability).toBe(0.5);
    expect((await h.diff(id, after!, news)).changes).toBe(false);
  });

  it("adoptId takes over an existing agent and converges it with one merge PATCH", async () => {
    const existing = (
      await ctx.emulator.api("POST", "/agents", {
        name: "Old",
        conversation_config: { agent: { first_message: "Yo" } },
      })
    ).body;
    await ctx.emulator.resetStats();
    const inputs = await checked(h, { ...program, adoptId: existing.agent_id, creationToken: token("adopt") });
    const { id, outs } = await h.create(inputs);
    expect(id).toBe(existing.agent_id);
    expect((await ctx.emulator.stats()).byRoute["POST /v1/convai/agents"]).toBeUndefined();
    const live = (await ctx.emulator.api("GET", `/agents/${id}`)).body;
    expect(live.name).toBe("Support");
    expect(live.conversation_config.agent.first_message).toBe("Hello!");
    expect((await h.diff(id, outs, inputs)).changes).toBe(false);
    // Changing adoptId afterwards is ignored.
    expect((await h.diff(id, outs, { ...inputs, adoptId: "agent_other" })).changes).toBe(false);
  });

  it("a create repeated with the same creation token (kept in metadata) adopts the first object, no duplicate", async () => {
    const creationToken = token("crash");
    const inputs = await checked(h, { ...program, name: "Crashy", creationToken });
    const first = await h.create(inputs);
    const second = await h.create(inputs);
    expect(second.id).toBe(first.id);
    const all = (await ctx.emulator.api("GET", "/agents?page_size=100")).body.agents.filter(
      (a: any) => a.name === "Crashy",
    );
    expect(all).toHaveLength(1);
  });
});
