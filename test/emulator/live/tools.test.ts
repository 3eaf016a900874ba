import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../../support/test-emulator";
import { agentBody, clientTool, expect422, expectDetail, LIVE, walkCursor, webhookTool } from "./helpers";

let t: TestEmulator;
beforeAll(async () => {
  t = await TestEmulator.start(LIVE);
});
afterAll(() => t.close());

describe("live tools", () => {
  it("creates a webhook tool: {id, tool_config, access_info, usage_stats, response_mocks}, headers' secret locators kept", async () => {
    const res = await t.api("POST", "/tools", webhookTool());
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["access_info", "id", "response_mocks", "tool_config", "usage_stats"]);
    expect(res.body.id).toMatch(/^tool_/);
    expect(res.body.tool_config).toMatchObject({
      type: "webhook",
      name: "get_weather",
      response_timeout_secs: 20,
      api_schema: {
        url: "https://example.com/weather/{city}",
        request_headers: { Authorization: { secret_id: "secret_abc" } },
      },
    });
    expect(res.body.usage_stats).toEqual({ total_calls: 0, avg_latency_secs: 0 });
    expect((await t.api("GET", `/tools/${res.body.id}`)).body).toEqual(res.body);
  });

  it("PATCH replaces the whole tool_config (no merge) and needs it", async () => {
    const { id } = (await t.api("POST", "/tools", clientTool("scroll_to"))).body;
    const res = await t.api("PATCH", `/tools/${id}`, {
      tool_config: { type: "client", name: "scroll_to", description: "d2" },
    });
    expect(res.status).toBe(200);
    expect(res.body.tool_config).not.toHaveProperty("parameters");
    expect(res.body.tool_config.description).toBe("d2");
    expect(expect422(await t.api("PATCH", `/tools/${id}`, { name: "x" }))).toEqual(["body.tool_config"]);
  });

  it("validates each tool type with 422 loc paths", async () => {
    const res = await t.api("POST", "/tools", {
      tool_config: {
        type: "webhook",
        name: "bad name!",
        description: "d",
        api_schema: { url: "ftp://x", method: "GET" },
      },
    });
    expect(expect422(res).sort()).toEqual(["body.tool_config.api_schema.url", "body.tool_config.name"]);
    expect(expect422(await t.api("POST", "/tools", { tool_config: { type: "server", name: "x" } }))).toEqual([
      "body.tool_config.type",
    ]);
  });

  it("deletes with {} when unused; a tool an agent uses is refused unless force=true, which detaches it", async () => {
    const unused = (await t.api("POST", "/tools", clientTool("unused_tool"))).body;
    expect(await t.api("DELETE", `/tools/${unused.id}`)).toMatchObject({ status: 200, body: {} });
    expectDetail(await t.api("GET", `/tools/${unused.id}`), 404, "tool_not_found");

    const used = (await t.api("POST", "/tools", clientTool("used_tool"))).body;
    const { agent_id } = (
      await t.api(
        "POST",
        "/agents/create",
        agentBody({ conversation_config: { agent: { prompt: { tool_ids: [used.id] } } } }),
      )
    ).body;
    expect((await t.api("GET", `/tools/${used.id}/dependent-agents`)).body).toEqual({
      agents: [{ id: agent_id, name: "Support", type: "available" }],
      branches: [],
      next_cursor: null,
      has_more: false,
    });
    expectDetail(await t.api("DELETE", `/tools/${used.id}`), 400, "tool_has_dependent_agents");
    expect(await t.api("DELETE", `/tools/${used.id}?force=true`)).toMatchObject({ status: 200, body: {} });
    const agent = (await t.api("GET", `/agents/${agent_id}`)).body;
    expect(agent.conversation_config.agent.prompt.tool_ids).toEqual([]);
  });

  it("lists by cursor with {tools, next_cursor, has_more} and filters by types", async () => {
    await t.reset();
    for (let i = 0; i < 5; i++) await t.api("POST", "/tools", webhookTool(`w${i}`));
    for (let i = 0; i < 2; i++) await t.api("POST", "/tools", clientTool(`c${i}`));
    const { items, pages } = await walkCursor(t, "/tools", "tools", 2);
    expect(items).toHaveLength(7);
    expect(new Set(items.map((i) => i.id)).size).toBe(7);
    expect(pages).toBe(4);
    const clients = await t.api("GET", "/tools?types=client");
    expect(clients.body.tools.map((x: { tool_config: { name: string } }) => x.tool_config.name).sort()).toEqual([
      "c0",
      "c1",
    ]);
  });
});
