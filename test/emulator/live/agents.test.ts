import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../../support/test-emulator";
import { agentBody, expect422, expectDetail, LIVE, walkCursor, webhookTool } from "./helpers";

let t: TestEmulator;
beforeAll(async () => {
  t = await TestEmulator.start(LIVE);
});
afterAll(() => t.close());

const nowSecs = () => Math.floor(Date.now() / 1000);

describe("live agents", () => {
  it("creates at /agents/create answering only {agent_id}; GET has unix metadata, versions, branches, tags and access_info", async () => {
    const before = nowSecs();
    const res = await t.api("POST", "/agents/create", agentBody({ tags: ["prod"], custom: { x: [1] } }));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["agent_id"]);
    const got = await t.api("GET", `/agents/${res.body.agent_id}`);
    expect(got.status).toBe(200);
    const a = got.body;
    expect(a.agent_id).toBe(res.body.agent_id);
    expect(a.metadata.created_at_unix_secs).toBeGreaterThanOrEqual(before);
    expect(a.metadata.created_at_unix_secs).toBeLessThanOrEqual(nowSecs());
    expect(Number.isInteger(a.metadata.updated_at_unix_secs)).toBe(true);
    expect(a).not.toHaveProperty("created_at");
    expect(a).not.toHaveProperty("is_public");
    expect(a.tags).toEqual(["prod"]);
    expect(a.custom).toEqual({ x: [1] });
    expect(typeof a.version_id).toBe("string");
    expect(a.branch_id).toBe(a.main_branch_id);
    expect(a.access_info).toMatchObject({ is_creator: true, role: "admin" });
    expect(a.phone_numbers).toEqual([]);
    expect(a.whatsapp_accounts).toEqual([]);
    expect(a.conversation_config.agent.prompt).toMatchObject({ prompt: "Be kind", tool_ids: [], tools: [] });
    expect(a.conversation_config.tts).toMatchObject({ stability: 0.5, similarity_boost: 0.8 });
    expect(a.conversation_config.asr.user_input_audio_format).toBe("pcm_16000");
  });

  it("GET shows both tool_ids and the resolved tools; a write with both is a 422 naming prompt.tools", async () => {
    const tool = (await t.api("POST", "/tools", webhookTool("lookup_order"))).body;
    const { body } = await t.api(
      "POST",
      "/agents/create",
      agentBody({ conversation_config: { agent: { prompt: { prompt: "p", tool_ids: [tool.id] } } } }),
    );
    const got = (await t.api("GET", `/agents/${body.agent_id}`)).body;
    expect(got.conversation_config.agent.prompt.tool_ids).toEqual([tool.id]);
    expect(got.conversation_config.agent.prompt.tools).toEqual([tool.tool_config]);
    // Echoing the GET back as it is (both forms) is refused, as the live API does.
    const both = await t.api("PATCH", `/agents/${body.agent_id}`, { conversation_config: got.conversation_config });
    expect(expect422(both)).toEqual(["body.conversation_config.agent.prompt.tools"]);
    const createBoth = await t.api("POST", "/agents/create", {
      conversation_config: { agent: { prompt: { tool_ids: [], tools: [] } } },
    });
    expect(expect422(createBoth)).toEqual(["body.conversation_config.agent.prompt.tools"]);
  });

  it("PATCH merges, answers the full agent with a new version_id, and keeps the branch", async () => {
    const { agent_id } = (await t.api("POST", "/agents/create", agentBody())).body;
    const before = (await t.api("GET", `/agents/${agent_id}`)).body;
    const patched = await t.api("PATCH", `/agents/${agent_id}`, {
      version_description: "friendlier greeting",
      conversation_config: { agent: { first_message: "Hi there" } },
      platform_settings: { widget: { variant: "compact" } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.conversation_config.agent.first_message).toBe("Hi there");
    expect(patched.body.conversation_config.agent.prompt.prompt).toBe("Be kind");
    expect(patched.body.platform_settings.widget).toEqual({ variant: "compact" });
    expect(patched.body.version_id).not.toBe(before.version_id);
    expect(patched.body).not.toHaveProperty("version_description");
    expect(patched.body.branch_id).toBe(before.branch_id);
    const branches = (await t.api("GET", `/agents/${agent_id}/branches`)).body;
    expect(branches.results).toEqual([
      expect.objectContaining({ id: before.main_branch_id, agent_id, name: "Main", is_archived: false }),
    ]);
    expect((await t.api("GET", `/agents/${agent_id}`)).body).toEqual(patched.body);
  });

  it("validates with FastAPI 422 detail lists whose loc paths reach into the body", async () => {
    const res = await t.api("POST", "/agents/create", {
      name: 5,
      conversation_config: { tts: { stability: 2 }, agent: { prompt: { built_in_tools: ["end_call"] } } },
    });
    expect(expect422(res).sort()).toEqual(
      [
        "body.name",
        "body.conversation_config.tts.stability",
        "body.conversation_config.agent.prompt.built_in_tools",
      ].sort(),
    );
    expect(expect422(await t.api("POST", "/agents/create", {}))).toEqual(["body.conversation_config"]);
    expect(expect422(await t.api("POST", "/agents/create", "{nope"))).toEqual(["body"]);
  });

  it("deletes with an empty 200 body; the agent is then a 404 in the detail envelope", async () => {
    const { agent_id } = (await t.api("POST", "/agents/create", agentBody())).body;
    const del = await t.api("DELETE", `/agents/${agent_id}`);
    expect(del.status).toBe(200);
    expect(del.body).toBeUndefined();
    expect(del.headers["content-length"]).toBe("0");
    expect(expectDetail(await t.api("GET", `/agents/${agent_id}`), 404, "agent_not_found")).toContain(agent_id);
    expectDetail(await t.api("DELETE", `/agents/${agent_id}`), 404, "agent_not_found");
  });

  it("lists by cursor: summaries with unix times, every agent once across pages, page_size over 100 is a 422", async () => {
    await t.reset();
    const ids = [];
    for (let i = 0; i < 7; i++)
      ids.push((await t.api("POST", "/agents/create", agentBody({ name: `A${i}` }))).body.agent_id);
    const { items, pages } = await walkCursor(t, "/agents", "agents", 3);
    expect(pages).toBe(3);
    expect(items.map((a) => a.agent_id).sort()).toEqual([...ids].sort());
    expect(Object.keys(items[0]).sort()).toEqual(
      [
        "access_info",
        "agent_id",
        "archived",
        "created_at_unix_secs",
        "last_call_time_unix_secs",
        "name",
        "tags",
      ].sort(),
    );
    const first = await t.api("GET", "/agents");
    expect(first.body.agents).toHaveLength(7); // default page size 30
    expect(expect422(await t.api("GET", "/agents?page_size=101"))).toEqual(["query.page_size"]);
    expect(expect422(await t.api("GET", "/agents?cursor=garbage"))).toEqual(["query.cursor"]);
  });

  it("a cursor survives deletes between pages: nothing that stayed is skipped or repeated", async () => {
    await t.reset();
    const ids = [];
    for (let i = 0; i < 6; i++)
      ids.push((await t.api("POST", "/agents/create", agentBody({ name: `B${i}` }))).body.agent_id);
    const first = await t.api("GET", "/agents?page_size=2&sort_by=name&sort_direction=asc");
    expect(first.body.agents.map((a: { name: string }) => a.name)).toEqual(["B0", "B1"]);
    await t.api("DELETE", `/agents/${first.body.agents[1].agent_id}`);
    await t.api("DELETE", `/agents/${ids[2]}`);
    const next = await t.api(
      "GET",
      `/agents?page_size=10&sort_by=name&sort_direction=asc&cursor=${first.body.next_cursor}`,
    );
    expect(next.body.agents.map((a: { name: string }) => a.name)).toEqual(["B3", "B4", "B5"]);
    expect(next.body).toMatchObject({ has_more: false, next_cursor: null });
  });

  it("seed paths are not routes here: FastAPI's plain-string 404", async () => {
    const res = await t.api("POST", "/agents", agentBody());
    expect(res.status).toBe(405);
    expect(res.body).toEqual({ detail: "Method Not Allowed" });
    expect(await t.api("GET", "/workspace/nothing")).toMatchObject({ status: 404, body: { detail: "Not Found" } });
  });
});
