/** What only the live API needs of the handlers (live-vs-seed.md §5), against a live emulator. */
import { describe, expect, it } from "vitest";
import { ElevenLabsClient, getClient } from "../../../provider";
import { CREATION_TAG_PREFIX } from "../../../provider/codec/live/agent";
import { agentHandler } from "../../../provider/handlers/agent";
import { agentKnowledgeBaseIndexHandler } from "../../../provider/handlers/agent-knowledge-base-index";
import { knowledgeBaseDocumentHandler } from "../../../provider/handlers/knowledge-base-document";
import { toolHandler } from "../../../provider/handlers/tool";
import { workspaceSecretHandler } from "../../../provider/handlers/workspace-secret";
import { FIXTURES } from "../../support/profile-fixtures";
import { TestEmulator } from "../../support/test-emulator";
import { FAST } from "../client/local-server";
import { checked, token, useEmulator } from "./harness";

const fx = FIXTURES.live;
const ctx = useEmulator("live");
const client = () => getClient({ apiKey: ctx.emulator.apiKey, baseUrl: ctx.emulator.baseUrl, profile: "live" });

async function createAgent(extra: Record<string, unknown> = {}) {
  const inputs = await checked(agentHandler, { ...fx.agent, creationToken: token("agent"), ...extra });
  const { id, outs } = await agentHandler.create(inputs);
  return { id, outs: outs as Record<string, any>, inputs };
}

describe("live agents", () => {
  it("create answers only the id: the agent is read after, and its version is an output", async () => {
    await ctx.emulator.resetStats();
    const { id, outs } = await createAgent();
    const stats = await ctx.emulator.stats();
    expect(stats.byRoute["POST /v1/convai/agents/create"]).toBe(1);
    expect(stats.byRoute["GET /v1/convai/agents/{agent_id}"]).toBe(1);
    expect(outs.agentId).toBe(id);
    expect(typeof outs.versionId).toBe("string");
    expect(outs.conversationConfig.agent.firstMessage).toBe("Hello!");
  });

  it("the creation token travels as a tag that the program never sees", async () => {
    const { id, outs, inputs } = await createAgent();
    const live = (await ctx.emulator.api("GET", `/agents/${id}`)).body;
    expect(live.tags).toEqual(["support", `${CREATION_TAG_PREFIX}${inputs.creationToken}`]);
    expect(outs.tags).toEqual(["support"]);
  });

  it("with toolIds, the echoed inline `tools` is never sent back (the API refuses both)", async () => {
    const tool = await toolHandler.create(await checked(toolHandler, { ...fx.tool, creationToken: token("tool") }));
    const withTools = structuredClone(fx.agent);
    withTools.conversationConfig.agent.prompt.toolIds = [tool.id];
    const { id, outs, inputs } = await createAgent({ conversationConfig: withTools.conversationConfig });
    const live = (await ctx.emulator.api("GET", `/agents/${id}`)).body;
    expect(live.conversation_config.agent.prompt.tool_ids).toEqual([tool.id]);
    expect(Array.isArray(live.conversation_config.agent.prompt.tools)).toBe(true);
    // An edit of the prompt sends conversation_config whole (§6: PATCH may replace nested objects).
    const edited = structuredClone(withTools);
    edited.conversationConfig.agent.prompt.prompt = "Be terse.";
    const news = await checked(agentHandler, { ...fx.agent, ...edited, creationToken: inputs.creationToken });
    const { outs: after } = await agentHandler.update(id, outs, news);
    expect((await ctx.emulator.api("GET", `/agents/${id}`)).body.conversation_config.agent.prompt).toMatchObject({
      prompt: "Be terse.",
      tool_ids: [tool.id],
    });
    expect(after!.versionId).not.toBe(outs.versionId);
    expect((await agentHandler.diff(id, after!, news)).changes).toBe(false);
  });

  it("a field the program stops setting is sent as null inside the whole object, and nothing else changes", async () => {
    const { id, outs, inputs } = await createAgent();
    const { allowlist: _removed, ...auth } = fx.agent.platformSettings.auth;
    const news = await checked(agentHandler, {
      ...fx.agent,
      platformSettings: { auth },
      creationToken: inputs.creationToken,
    });
    expect(agentHandler.changedKeys(outs, news)).toEqual(["platformSettings"]);
    const { outs: after } = await agentHandler.update(id, outs, news);
    const live = (await ctx.emulator.api("GET", `/agents/${id}`)).body;
    expect(live.platform_settings.auth.allowlist ?? []).toEqual([]);
    expect(live.conversation_config.agent.first_message).toBe("Hello!");
    expect((await agentHandler.diff(id, (await agentHandler.read(id, after!)).props!, news)).changes).toBe(false);
  });

  it("a document is listed by the agent that uses it, and the agent reads back with no diff", async () => {
    const doc = await knowledgeBaseDocumentHandler.create(
      await checked(knowledgeBaseDocumentHandler, { ...fx.document(""), creationToken: token("doc") }),
    );
    const prompt = {
      ...fx.agent.conversationConfig.agent.prompt,
      knowledgeBase: [{ type: "text", name: "FAQ", id: doc.id }],
    };
    const conversationConfig = {
      ...fx.agent.conversationConfig,
      agent: { ...fx.agent.conversationConfig.agent, prompt },
    };
    const { id, outs, inputs } = await createAgent({ conversationConfig });
    const live = (await ctx.emulator.api("GET", `/agents/${id}`)).body;
    expect(live.conversation_config.agent.prompt.knowledge_base).toMatchObject([{ id: doc.id, name: "FAQ" }]);
    expect((await agentHandler.diff(id, (await agentHandler.read(id, outs)).props!, inputs)).changes).toBe(false);
  });
});

describe("the live API's errors, pages and limits", () => {
  it("a 422 lists each field in resource form: status, code, message, request path", async () => {
    const error = await client()
      .request("agents.create", { body: { conversation_config: { tts: { stability: "high" } } } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ApiValidationError", status: 422, code: "VALIDATION_ERROR" });
    expect((error as Error).message).toContain("conversationConfig.tts.stability");
    expect((error as { details: { fields: { path: string }[] } }).details.fields[0]?.path).toBe(
      "conversationConfig.tts.stability",
    );
  });

  it("a missing object is gone (NotFoundError); an unknown route is not (it may be a wrong base URL)", async () => {
    const gone = await client()
      .request("agents.get", { path: { agent_id: "agent_missing" } })
      .catch((e: unknown) => e);
    expect(gone).toMatchObject({ name: "NotFoundError", status: 404 });
    // A base URL one segment off: FastAPI's {"detail": "Not Found"} for a path that is no route.
    const wrongBase = new ElevenLabsClient({
      apiKey: ctx.emulator.apiKey,
      baseUrl: `${ctx.emulator.url}/v1`,
      profile: "live",
      ...FAST,
    });
    const unknown = await wrongBase
      .request("agents.get", { path: { agent_id: "agent_missing" } })
      .catch((e: unknown) => e)
      .finally(() => wrongBase.close());
    expect(unknown).toMatchObject({ name: "UnexpectedResponseError", status: 404 });
    expect((unknown as Error).message).toContain("elevenlabs:baseUrl");
  });

  it("lists page by cursor until has_more is false", async () => {
    const names = [token("p"), token("p"), token("p")];
    for (const name of names) {
      const tool = structuredClone(fx.tool);
      tool.toolConfig.name = name;
      await toolHandler.create(await checked(toolHandler, { ...tool, creationToken: token("t") }));
    }
    await ctx.emulator.resetStats();
    const all = await client().listAll<{ id: string; tool_config: { name: string } }>("tools.list", { pageSize: 2 });
    expect(all.map((t) => t.tool_config.name)).toEqual(expect.arrayContaining(names));
    const pages = (await ctx.emulator.stats()).byRoute["GET /v1/convai/tools"];
    expect(pages).toBe(Math.ceil(all.length / 2));
  });
});

describe("live crash recovery, without the contract's metadata echo", () => {
  const tool = (name: string) => {
    const t = structuredClone(fx.tool);
    t.toolConfig.name = name;
    return t;
  };

  it("agents whose create answers are lost are found by their creation tag, never made twice", async () => {
    await ctx.emulator.setFaults({
      lostResponseBurst: { count: 3 },
      lostResponseAs: 504,
      routes: ["POST /v1/convai/agents/create"],
    });
    await ctx.emulator.resetStats();
    const names = [token("lost"), token("lost"), token("lost"), token("lost")];
    const made = await Promise.all(names.map((name) => createAgent({ name })));
    const stats = await ctx.emulator.stats();
    expect(stats.byRoute["POST /v1/convai/agents/create"]).toBe(4);
    expect(stats.byStatus["504"]).toBe(3);
    const live = (await ctx.emulator.api("GET", "/agents?page_size=100")).body.agents;
    for (const [i, name] of names.entries()) {
      expect(
        live.filter((a: { name: string }) => a.name === name).map((a: { agent_id: string }) => a.agent_id),
      ).toEqual([made[i]!.id]);
    }
  });

  it("tools whose create answers are lost are found by name and identical configuration, never made twice", async () => {
    await ctx.emulator.setFaults({
      lostResponseBurst: { count: 2 },
      lostResponseAs: "drop",
      routes: ["POST /v1/convai/tools"],
    });
    const names = [token("lt"), token("lt"), token("lt")];
    const made = await Promise.all(
      names.map(async (name) =>
        toolHandler.create(await checked(toolHandler, { ...tool(name), creationToken: token("t") })),
      ),
    );
    const live = (await ctx.emulator.api("GET", "/tools?page_size=100")).body.tools;
    for (const [i, name] of names.entries()) {
      expect(
        live
          .filter((t: { tool_config: { name: string } }) => t.tool_config.name === name)
          .map((t: { id: string }) => t.id),
      ).toEqual([made[i]!.id]);
    }
  });

  it("a same-named tool that differs from the program is never taken for ours", async () => {
    const name = token("twin");
    const theirs = (
      await ctx.emulator.api("POST", "/tools", { tool_config: { type: "client", name, description: "theirs" } })
    ).body;
    // The answer is lost, so the provider lists afresh: it sees both same-named tools and picks its own.
    await ctx.emulator.setFaults({
      lostResponseBurst: { count: 1 },
      lostResponseAs: 504,
      routes: ["POST /v1/convai/tools"],
    });
    const ours = await toolHandler.create(await checked(toolHandler, { ...tool(name), creationToken: token("t") }));
    expect(ours.id).not.toBe(theirs.id);
    const named = (await ctx.emulator.api("GET", "/tools?page_size=100")).body.tools.filter(
      (t: { tool_config: { name: string } }) => t.tool_config.name === name,
    );
    expect(named.map((t: { id: string }) => t.id).sort()).toEqual([theirs.id, ours.id].sort());
    expect((await ctx.emulator.api("GET", `/tools/${theirs.id}`)).body.tool_config.description).toBe("theirs");
  });
});

describe("live adoption", () => {
  it("adopting a secret writes the program's value, which cannot be read back to compare", async () => {
    const name = `ADOPTED_${token("s").replace(/\W/g, "_")}`;
    const made = await ctx.emulator.api("POST", "/secrets", { type: "new", name, value: "set-in-the-dashboard" });
    const id = made.body.secret_id as string;
    await ctx.emulator.resetStats();
    const inputs = await checked(workspaceSecretHandler, { name, value: "from-the-program", adoptId: id });
    const adopted = await workspaceSecretHandler.create(inputs);
    expect(adopted.id).toBe(id);
    const stats = await ctx.emulator.stats();
    // The update route takes `{name, value}` whole (a PATCH without the value is refused).
    expect(stats.byRoute["PATCH /v1/convai/secrets/{secret_id}"]).toBe(1);
    expect(stats.byRoute["POST /v1/convai/secrets"]).toBeUndefined();
    const read = await workspaceSecretHandler.read(id, adopted.outs);
    expect((await workspaceSecretHandler.diff(id, read.props!, inputs)).changes).toBe(false);
  });

  it("adopting an agent that already matches the program sends nothing", async () => {
    const id = await fx.makeAgentOutOfBand(ctx.emulator);
    await ctx.emulator.resetStats();
    const inputs = await checked(agentHandler, { ...fx.adopting.agent, name: "Dashboard agent", adoptId: id });
    expect((await agentHandler.create(inputs)).id).toBe(id);
    expect(Object.keys((await ctx.emulator.stats()).byRoute)).toEqual(["GET /v1/convai/agents/{agent_id}"]);
  });
});

describe("the live API's concurrency limit", () => {
  it("429 too_many_concurrent_requests is retried; the client lowers its cap to what the server allows, then grows it back", async () => {
    const emulator = await TestEmulator.start({ profile: "live", maxConcurrentRequests: 1 });
    await emulator.setFaults({ latencyMs: 30 });
    const busy = new ElevenLabsClient({
      apiKey: emulator.apiKey,
      baseUrl: emulator.baseUrl,
      profile: "live",
      maxConcurrency: 4,
      ...FAST,
    });
    // The cap as it moves: sampled every millisecond (a lowered cap holds for at least one 30 ms answer).
    let lowest = busy.maxConcurrency;
    const sampler = setInterval(() => {
      lowest = Math.min(lowest, busy.maxConcurrency);
    }, 1);
    try {
      const made = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          busy.request<{ id: string }>("tools.create", {
            body: { tool_config: { type: "client", name: `busy_${i}`, description: "x" } },
          }),
        ),
      );
      expect(new Set(made.map((t) => t.id)).size).toBe(6);
      const stats = await emulator.stats();
      expect(stats.byStatus["429"]).toBeGreaterThan(0);
      expect(stats.byRoute["POST /v1/convai/tools"]).toBe(6 + stats.byStatus["429"]!);
      expect(await busy.listAll("tools.list")).toHaveLength(6);
      expect(lowest).toBe(1);
      // Accepted requests after the last refusal (the listing at least) raise it again, never past the configured 4.
      expect(busy.maxConcurrency).toBeGreaterThanOrEqual(2);
      expect(busy.maxConcurrency).toBeLessThanOrEqual(4);
    } finally {
      clearInterval(sampler);
      await busy.close();
      await emulator.close();
    }
  });

  it("elevenlabs:maxConcurrentRequests caps the requests in flight, so the server never refuses one", async () => {
    const emulator = await TestEmulator.start({ profile: "live", maxConcurrentRequests: 2 });
    await emulator.setFaults({ latencyMs: 30 });
    const capped = new ElevenLabsClient({
      apiKey: emulator.apiKey,
      baseUrl: emulator.baseUrl,
      profile: "live",
      maxConcurrency: 2,
      ...FAST,
    });
    try {
      await Promise.all(Array.from({ length: 8 }, () => capped.request("tools.list", { query: { page_size: 1 } })));
      expect((await emulator.stats()).byStatus["429"] ?? 0).toBe(0);
    } finally {
      await capped.close();
      await emulator.close();
    }
  });
});

describe("a kind only the seed profile has", () => {
  it("AgentKnowledgeBaseIndex fails at check in the live profile, naming both profiles and what to use instead", async () => {
    await ctx.emulator.resetStats();
    const result = await agentKnowledgeBaseIndexHandler.check({}, { agentId: "agent_1", documentIds: ["doc_1"] });
    expect(result.failures).toHaveLength(1);
    expect(result.failures![0]!.reason).toMatch(
      /^AgentKnowledgeBaseIndex exists only in the seed API profile, and this stack speaks the live profile .*prompt\.knowledgeBase/,
    );
    expect((await ctx.emulator.stats()).total).toBe(0);
  });
});
