import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawConversation } from "../../support/raw-conversation";
import { TestEmulator } from "../../support/test-emulator";
import { waitFor } from "../../support/wait-for";
import { startReceiver } from "../helpers";
import { clientTool, LIVE } from "./helpers";

let t: TestEmulator;
let agentId: string;
let privateAgentId: string;
const FIRST = "Hello, this is the Acme store.";

beforeAll(async () => {
  t = await TestEmulator.start({ ...LIVE, conversationPingIntervalMs: 100, conversationStepMs: 20 });
  const tool = (await t.api("POST", "/tools", clientTool("open_cart"))).body;
  const doc = (
    await t.api("POST", "/knowledge-base/text", { text: "Parking is free behind the building.", name: "Parking" })
  ).body;
  await waitFor(async () => (await t.api("GET", `/knowledge-base/${doc.id}/chunk/chunk_0`)).status === 200);
  const create = (body: Record<string, unknown>) =>
    t.api("POST", "/agents/create", {
      name: "Acme",
      conversation_config: {
        agent: {
          first_message: FIRST,
          prompt: {
            prompt: "You answer questions about the Acme store.",
            tool_ids: [tool.id],
            knowledge_base: [{ type: "text", name: "Parking", id: doc.id, usage_mode: "auto" }],
            built_in_tools: { end_call: { name: "end_call", description: "" } },
          },
        },
      },
      ...body,
    });
  agentId = (
    await create({
      platform_settings: { overrides: { conversation_config_override: { agent: { first_message: true } } } },
    })
  ).body.agent_id;
  privateAgentId = (await create({ platform_settings: { auth: { enable_auth: true } } })).body.agent_id;
});
afterAll(() => t.close());

const socketUrl = (id: string) => `${t.url.replace("http", "ws")}/v1/convai/conversation?agent_id=${id}`;

describe("the conversation socket in the live profile", () => {
  it("pings with ping_event.event_id, and a pong with that event_id gives the next ping its ping_ms", async () => {
    const c = await RawConversation.open(socketUrl(agentId));
    await c.initiate();
    const first = await c.next("ping");
    expect(first.ping_event).toEqual({ event_id: expect.any(Number), ping_ms: null });
    c.send({ type: "pong", event_id: first.ping_event.event_id });
    const later = await c.next("ping", (m) => m.ping_event.ping_ms !== null);
    expect(later.ping_event.ping_ms).toBeGreaterThanOrEqual(0);
    c.close();
  });

  it("answers a user_message from the documents attached through prompt.knowledge_base", async () => {
    const c = await RawConversation.open(socketUrl(agentId));
    const meta = await c.initiate();
    expect(meta.conversation_initiation_metadata_event).toMatchObject({
      agent_output_audio_format: "pcm_16000",
      user_input_audio_format: "pcm_16000",
    });
    expect((await c.next("agent_response")).agent_response_event.agent_response).toBe(FIRST);
    c.send({ type: "user_message", text: "Is parking free?" });
    const answer = await c.next("agent_response");
    expect(answer.agent_response_event.agent_response).toBe("Parking is free behind the building.");
    c.close();
  });

  it("round-trips a client tool: client_tool_call, then the client's client_tool_result is what the agent says", async () => {
    const c = await RawConversation.open(socketUrl(agentId));
    const conversationId = (await c.initiate()).conversation_initiation_metadata_event.conversation_id;
    c.send({ type: "user_message", text: "Please open the cart on page checkout" });
    const call = await c.next("client_tool_call");
    expect(call.client_tool_call).toEqual({
      tool_name: "open_cart",
      tool_call_id: expect.any(String),
      parameters: { page: "checkout" },
    });
    c.send({
      type: "client_tool_result",
      tool_call_id: call.client_tool_call.tool_call_id,
      result: { items: 3 },
      is_error: false,
    });
    const said = await c.next("agent_response", (m) => m.agent_response_event.agent_response.startsWith("Here"));
    expect(said.agent_response_event.agent_response).toBe("Here is what I found: items is 3.");
    c.close();
    await c.closed;
    const record = await waitFor(async () => {
      const res = await t.api("GET", `/conversations/${conversationId}`);
      return res.body.status === "done" ? res.body : undefined;
    });
    expect(record.metadata.start_time_unix_secs).toEqual(expect.any(Number));
    expect(record).not.toHaveProperty("created_at");
    const agentTurn = record.transcript.find((turn: { tool_calls?: unknown[] }) => turn.tool_calls);
    expect(agentTurn).toMatchObject({ role: "agent", time_in_call_secs: expect.any(Number) });
    expect(record.transcript.every((turn: { role: string }) => turn.role !== "tool")).toBe(true);
  });

  it("applies an override the agent allows", async () => {
    const c = await RawConversation.open(socketUrl(agentId));
    await c.initiate({ conversation_config_override: { agent: { first_message: "Howdy." } } });
    expect((await c.next("agent_response")).agent_response_event.agent_response).toBe("Howdy.");
    c.close();
  });

  it("closes with 1008 naming an override the agent does not allow, sending no error event", async () => {
    const c = await RawConversation.open(socketUrl(agentId));
    c.send({
      type: "conversation_initiation_client_data",
      conversation_config_override: { agent: { prompt: { prompt: "Be rude" } } },
    });
    expect(await c.closed).toEqual({
      code: 1008,
      reason: "Override for field 'agent.prompt.prompt' is not allowed by config.",
    });
    expect(c.messages.map((m) => m.type)).not.toContain("error");
  });

  it("ignores a malformed frame without an error event (the live protocol has none) and goes on", async () => {
    const c = await RawConversation.open(socketUrl(agentId));
    await c.initiate();
    c.send("{not json");
    c.send({ type: "user_message", text: "Is parking free?" });
    await c.next("agent_response", (m) => m.agent_response_event.agent_response.startsWith("Parking"));
    expect(c.messages.map((m) => m.type)).not.toContain("error");
    c.close();
  });
});

describe("webhook tools in a live conversation", () => {
  it("calls api_schema's URL with path, query and body parameters and a {secret_id} header filled in", async () => {
    const seen: { url?: string; method?: string; auth?: string; body: string }[] = [];
    const backend = await startReceiver((req) => {
      seen.push({ url: req.path, auth: req.headers["x-api-key"] as string, body: req.body });
      return { status: 200, body: JSON.stringify({ status: "shipped" }), type: "application/json" };
    });
    try {
      const { secret_id } = (await t.api("POST", "/secrets", { type: "new", name: "backend_key", value: "k-123" }))
        .body;
      const tool = await t.api("POST", "/tools", {
        tool_config: {
          type: "webhook",
          name: "order_status",
          description: "Looks up where an order is",
          api_schema: {
            url: `${backend.url}/orders/{order_id}`,
            method: "POST",
            path_params_schema: { order_id: { type: "string", description: "the order" } },
            query_params_schema: { properties: { verbose: { type: "boolean", description: "detail" } } },
            request_body_schema: {
              type: "object",
              properties: { channel: { type: "string", enum: ["phone", "web"], description: "c" } },
            },
            request_headers: { "x-api-key": { secret_id } },
          },
        },
      });
      const { agent_id } = (
        await t.api("POST", "/agents/create", {
          conversation_config: { agent: { prompt: { tool_ids: [tool.body.id] } } },
        })
      ).body;
      const c = await RawConversation.open(socketUrl(agent_id));
      await c.initiate();
      c.send({ type: "user_message", text: "What is the order status of order 42 by phone, yes please" });
      const call = await c.next("tool_call");
      expect(call.tool_call_event).toMatchObject({
        tool_name: "order_status",
        parameters: { order_id: "42", verbose: true, channel: "phone" },
      });
      const said = await c.next("agent_response");
      expect(said.agent_response_event.agent_response).toBe("Here is what I found: status is shipped.");
      expect(seen).toEqual([{ url: "/orders/42?verbose=true", auth: "k-123", body: '{"channel":"phone"}' }]);
      c.close();
    } finally {
      await backend.close();
    }
  });
});

describe("signed URLs in the live profile", () => {
  it("GET /conversation/get-signed-url?agent_id= answers only {signed_url} carrying conversation_signature", async () => {
    const res = await t.api("GET", `/conversation/get-signed-url?agent_id=${privateAgentId}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["signed_url"]);
    const url = new URL(res.body.signed_url);
    expect(url.protocol).toBe("ws:");
    expect(url.pathname).toBe("/v1/convai/conversation");
    expect(url.searchParams.get("agent_id")).toBe(privateAgentId);
    expect(url.searchParams.get("conversation_signature")).toMatch(/^\d+\.[\w-]+$/);
    const c = await RawConversation.open(res.body.signed_url);
    await c.initiate();
    c.close();
  });

  it("a private agent refuses a socket without the signature (401) or with a forged one (403)", async () => {
    await expect(RawConversation.open(socketUrl(privateAgentId))).rejects.toMatchObject({ status: 401 });
    await expect(
      RawConversation.open(`${socketUrl(privateAgentId)}&conversation_signature=1.forged`),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("needs agent_id (422 on query.agent_id) and an agent that exists (404 detail)", async () => {
    const missing = await t.api("GET", "/conversation/get-signed-url");
    expect(missing.status).toBe(422);
    expect(missing.body.detail[0].loc).toEqual(["query", "agent_id"]);
    const unknown = await t.api("GET", "/conversation/get-signed-url?agent_id=agent_nope");
    expect(unknown).toMatchObject({ status: 404, body: { detail: { status: "agent_not_found" } } });
  });
});
