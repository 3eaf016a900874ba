import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../../support/test-emulator";
import { agentBody, expect422, expectDetail, LIVE, walkCursor, webhookTool } from "./helpers";

let t: TestEmulator;
beforeAll(async () => {
  t = await TestEmulator.start(LIVE);
});
afterAll(() => t.close());

describe("live secrets", () => {
  it("creates with {type:new,name,value} answering {type:stored,secret_id,name}; never returns the value", async () => {
    const res = await t.api("POST", "/secrets", { type: "new", name: "shop_key", value: "s3cret" });
    expect(res.body).toEqual({ type: "stored", secret_id: expect.stringMatching(/^secret_/), name: "shop_key" });
    const got = (await t.api("GET", `/secrets/${res.body.secret_id}`)).body;
    expect(got).toMatchObject({ type: "stored", secret_id: res.body.secret_id, name: "shop_key" });
    expect(JSON.stringify(got)).not.toContain("s3cret");
    expect(expect422(await t.api("POST", "/secrets", { name: "x", value: "y" }))).toEqual(["body.type"]);
    expect(expect422(await t.api("POST", "/secrets", { type: "new", name: "shop_key", value: "y" }))).toEqual([
      "body.name",
    ]);
  });

  it("shows the tools that use a secret in used_by; updates with {type:update}; deletes with 204", async () => {
    const { secret_id } = (await t.api("POST", "/secrets", { type: "new", name: "hook_key", value: "v1" })).body;
    const tool = webhookTool("uses_secret");
    tool.tool_config.api_schema.request_headers = { Authorization: { secret_id } };
    const { id } = (await t.api("POST", "/tools", tool)).body;
    expect((await t.api("GET", `/secrets/${secret_id}`)).body.used_by.tools).toEqual([id]);
    const updated = await t.api("PATCH", `/secrets/${secret_id}`, { type: "update", name: "hook_key2", value: "v2" });
    expect(updated.body).toEqual({ type: "stored", secret_id, name: "hook_key2" });
    const del = await t.api("DELETE", `/secrets/${secret_id}`);
    expect(del.status).toBe(204);
    expect(del.body).toBeUndefined();
    expectDetail(await t.api("DELETE", `/secrets/${secret_id}`), 404, "secret_not_found");
  });

  it("lists {secrets, next_cursor} without has_more: everything without page_size, by cursor with it", async () => {
    await t.reset();
    for (let i = 0; i < 5; i++) await t.api("POST", "/secrets", { type: "new", name: `s${i}`, value: "v" });
    const all = await t.api("GET", "/secrets");
    expect(Object.keys(all.body).sort()).toEqual(["next_cursor", "secrets"]);
    expect(all.body.secrets).toHaveLength(5);
    expect(all.body.next_cursor).toBeNull();
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { secrets: { name: string }[]; next_cursor: string | null } } = await t.api(
        "GET",
        `/secrets?page_size=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      names.push(...page.body.secrets.map((s) => s.name));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(names.sort()).toEqual(["s0", "s1", "s2", "s3", "s4"]);
  });
});

describe("live settings", () => {
  it("GET and PATCH /settings are flat, merge, and validate with 422", async () => {
    const got = await t.api("GET", "/settings");
    expect(got.body).toMatchObject({
      can_use_mcp_servers: false,
      rag_retention_period_days: 10,
      webhooks: { events: [] },
    });
    expect(got.body).not.toHaveProperty("settings");
    const patched = await t.api("PATCH", "/settings", {
      conversation_initiation_client_data_webhook: { url: "https://example.com/init", request_headers: {} },
      webhooks: { post_call_webhook_id: "wh_1" },
    });
    expect(patched.body).toMatchObject({
      conversation_initiation_client_data_webhook: { url: "https://example.com/init" },
      webhooks: { post_call_webhook_id: "wh_1", events: [] },
    });
    expect((await t.api("GET", "/settings")).body).toEqual(patched.body);
    expect(expect422(await t.api("PATCH", "/settings", { rag_retention_period_days: 99 }))).toEqual([
      "body.rag_retention_period_days",
    ]);
  });
});

describe("live widget", () => {
  it("is written through the agent's platform_settings.widget and read at GET …/widget as widget_config", async () => {
    const { agent_id } = (await t.api("POST", "/agents/create", agentBody())).body;
    const before = (await t.api("GET", `/agents/${agent_id}/widget`)).body;
    expect(Object.keys(before).sort()).toEqual(["agent_id", "widget_config"]);
    expect(before.widget_config).toMatchObject({ variant: "full", avatar: { type: "orb" }, first_message: "Hello" });
    expect(before).not.toHaveProperty("widget_id");
    expect(before).not.toHaveProperty("embed_code");
    await t.api("PATCH", `/agents/${agent_id}`, {
      platform_settings: { widget: { variant: "compact", bg_color: "#111111" } },
    });
    const after = (await t.api("GET", `/agents/${agent_id}/widget`)).body.widget_config;
    expect(after).toMatchObject({ variant: "compact", bg_color: "#111111", placement: "bottom-right" });
    expect(await t.api("PATCH", `/agents/${agent_id}/widget`, {})).toMatchObject({ status: 405 });
  });

  it("takes an avatar at POST …/avatar (multipart avatar_file) and serves it at the avatar_url", async () => {
    const { agent_id } = (await t.api("POST", "/agents/create", agentBody())).body;
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    const form = new FormData();
    form.set("avatar_file", new Blob([png], { type: "image/png" }), "a.png");
    const res = await fetch(`${t.baseUrl}/agents/${agent_id}/avatar`, {
      method: "POST",
      headers: { "xi-api-key": t.apiKey },
      body: form,
    });
    const body = (await res.json()) as { agent_id: string; avatar_url: string };
    expect(body.agent_id).toBe(agent_id);
    const image = await fetch(body.avatar_url, { headers: { "xi-api-key": t.apiKey } });
    expect(Buffer.from(await image.arrayBuffer())).toEqual(png);
    const widget = (await t.api("GET", `/agents/${agent_id}/widget`)).body.widget_config;
    expect(widget.avatar).toEqual({ type: "image", url: body.avatar_url });
  });
});

describe("live conversations over REST", () => {
  it("lists by cursor with unix start times, gets, rates (like/dislike) and deletes conversations", async () => {
    await t.reset();
    const { agent_id } = (await t.api("POST", "/agents/create", agentBody({ name: "Talker" }))).body;
    const created = "2026-01-02T03:04:05.000Z";
    for (let i = 0; i < 3; i++) await t.seedConversation({ agent_id, created_at: created, duration_seconds: 10 + i });
    const { items } = await walkCursor(t, "/conversations", "conversations", 2);
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({
      agent_id,
      agent_name: "Talker",
      start_time_unix_secs: Date.parse(created) / 1000,
      status: "done",
    });
    const id = items[0].conversation_id;
    const got = (await t.api("GET", `/conversations/${id}`)).body;
    expect(got.metadata).toMatchObject({ start_time_unix_secs: Date.parse(created) / 1000 });
    expect(got).not.toHaveProperty("duration_seconds");
    expect((await t.api("POST", `/conversations/${id}/feedback`, { feedback: "like" })).status).toBe(200);
    expect(expect422(await t.api("POST", `/conversations/${id}/feedback`, { rating: 5 }))).toEqual(["body.feedback"]);
    expect((await t.api("DELETE", `/conversations/${id}`)).status).toBe(200);
    expectDetail(await t.api("GET", `/conversations/${id}`), 404, "conversation_not_found");
  });

  it("places an outbound call from an imported number by its id", async () => {
    const { agent_id } = (await t.api("POST", "/agents/create", agentBody())).body;
    const { phone_number_id } = (
      await t.api("POST", "/phone-numbers", {
        provider: "twilio",
        phone_number: "+14155550199",
        label: "Out",
        sid: "AC1",
        token: "tok",
      })
    ).body;
    const res = await t.api("POST", "/twilio/outbound-call", {
      agent_id,
      agent_phone_number_id: phone_number_id,
      to_number: "+14155550123",
    });
    expect(res.body).toEqual({
      success: true,
      message: expect.any(String),
      conversation_id: expect.stringMatching(/^conv_/),
      callSid: expect.any(String),
    });
    const sip = await t.api("POST", "/sip-trunk/outbound-call", {
      agent_id,
      agent_phone_number_id: "pn_missing",
      to_number: "+14155550123",
    });
    expect(expect422(sip)).toEqual(["body.agent_phone_number_id"]);
  });
});
