import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../../support/test-emulator";
import { waitFor } from "../../support/wait-for";
import { connect, createShopAgent, finishedRecord } from "./helpers";

/** A real HTTP server standing in for the shop's backend and its webhook receiver. */
let backend: Server;
let backendUrl: string;
const toolRequests: Array<{ method?: string; url?: string; authorization?: string }> = [];
const webhooks: Array<{ event: string; data: any }> = [];

let t: TestEmulator;
let agentId: string;
beforeAll(async () => {
  backend = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      if (req.url === "/hooks") webhooks.push(JSON.parse(body));
      else toolRequests.push({ method: req.method, url: req.url, authorization: req.headers.authorization });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "shipped", carrier: "UPS" }));
    });
  });
  await new Promise<void>((r) => backend.listen(0, "127.0.0.1", r));
  backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;

  t = await TestEmulator.start({ conversationStepMs: 20 });
  expect((await t.api("POST", "/workspace/secrets", { name: "shop_api_key", value: "s3cret-value" })).status).toBe(200);
  const orderTool = await t.api("POST", "/tools", {
    type: "server",
    name: "get_order_status",
    description: "Looks up where an order is",
    server_tool: {
      url: `${backendUrl}/orders/{order_id}`,
      method: "GET",
      headers: { authorization: "Bearer {shop_api_key}" },
      parameters: [{ name: "order_id", type: "string", location: "path", required: true }],
    },
  });
  const cartTool = await t.api("POST", "/tools", {
    type: "client",
    name: "open_cart",
    description: "Shows the shopping cart on screen",
    client_tool: { expects_response: true },
  });
  agentId = await createShopAgent(t, {
    conversation_config: {
      agent: { first_message: "", prompt: { tool_ids: [orderTool.body.tool_id, cartTool.body.tool_id] } },
    },
    platform_settings: { webhook: { url: `${backendUrl}/hooks` } },
  });
});
afterAll(async () => {
  await t.close();
  await new Promise((r) => backend.close(r));
});

describe("tool calls from a conversation", () => {
  it("calls a server tool over HTTP with the secret filled in, and a client tool through the socket", async () => {
    const cartCalls: Record<string, unknown>[] = [];
    const c = await connect(t, agentId, {
      clientTools: {
        open_cart: (parameters) => {
          cartCalls.push(parameters);
          return { result: "The cart holds two lamps." };
        },
      },
    });
    const conversationId = c.client.conversationId;

    c.send({ type: "user_message", text: "What is the status of order one two three?" });
    const call = await c.next("tool_call");
    expect(call.tool_call_event).toMatchObject({ tool_name: "get_order_status", parameters: { order_id: "123" } });
    const response = await c.next("tool_response");
    expect(response.tool_response_event).toMatchObject({
      tool_call_id: call.tool_call_event.tool_call_id,
      response: { status: "shipped", carrier: "UPS" },
      is_error: false,
    });
    expect(toolRequests).toEqual([{ method: "GET", url: "/orders/123", authorization: "Bearer s3cret-value" }]);
    const said = await c.next("agent_response");
    expect(said.agent_response_event.agent_response).toBe("Here is what I found: status is shipped, carrier is UPS.");

    c.send({ type: "user_message", text: "Can you open my cart?" });
    const clientCall = await c.next("client_tool_call");
    expect(clientCall.client_tool_call).toMatchObject({ tool_name: "open_cart", parameters: {} });
    // The client answers from its clientTools table.
    expect(cartCalls).toEqual([{}]);
    const afterCart = await c.next("agent_response");
    expect(afterCart.agent_response_event.agent_response).toBe("Here is what I found: The cart holds two lamps.");
    await c.close();

    const record = await finishedRecord(t, conversationId);
    expect(record.transcript.map((e: any) => e.role)).toEqual(["user", "tool", "agent", "user", "tool", "agent"]);
    expect(record.transcript[2].tool_calls[0]).toMatchObject({ tool_name: "get_order_status", type: "server" });
    expect(record.transcript[5].tool_results[0]).toMatchObject({
      result_value: "The cart holds two lamps.",
      is_error: false,
    });
    const secrets = await t.api("GET", "/workspace/secrets");
    expect(secrets.body.secrets[0].last_used).not.toBeNull();

    const events = () => webhooks.filter((w) => w.data.conversation_id === conversationId).map((w) => w.event);
    await waitFor(() => events().includes("conversation.ended"));
    expect(events().sort()).toEqual(["conversation.ended", "conversation.started", "tool.called", "tool.called"]);
  });
});
