import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConversationClient,
  ConversationClosedError,
  ConversationServerError,
  checkAgentAudio,
  type RecordedEvent,
} from "../../../provider/index";
import { createShopAgent, finishedRecord, SHOP } from "../../support/shop-agent";
import { TestEmulator } from "../../support/test-emulator";

let t: TestEmulator;
let shop: string;
let toolAgent: string;
beforeAll(async () => {
  // Pings every 150 ms so both directions of the live ping are seen in a short call.
  t = await TestEmulator.start({ conversationStepMs: 20, conversationPingIntervalMs: 150 });
  shop = await createShopAgent(t);
  const cart = await t.api("POST", "/tools", {
    type: "client",
    name: "open_cart",
    description: "Shows the shopping cart on screen",
    client_tool: { expects_response: true },
  });
  toolAgent = await createShopAgent(t, {
    conversation_config: { agent: { first_message: "", prompt: { tool_ids: [cart.body.tool_id] } } },
  });
});
afterAll(() => t.close());

const said = (e: RecordedEvent) => (e.message as any).agent_response_event?.agent_response as string;
const nextAnswer = (client: ConversationClient, since: number, description = "the agent's answer") =>
  client.waitFor((e) => e.type === "agent_response", { timeoutMs: 10_000, since, description }).then(said);

describe("a conversation with the emulator's agent", () => {
  it("overrides and dynamic variables reach the agent: its greeting, its output format", async () => {
    const client = await ConversationClient.connect({
      baseUrl: t.baseUrl,
      agentId: shop,
      overrides: {
        agent: { first_message: "Hi {{user_name}}, you have {{visits}} visits." },
        tts: { output_format: "ulaw_8000" },
      },
      dynamicVariables: { user_name: "Ada", visits: 3 },
    });
    expect(client.agentOutputFormat).toBe("ulaw_8000");
    const greeting = await nextAnswer(client, 0, "the greeting");
    expect(greeting).toBe("Hi Ada, you have 3 visits.");
    const eventId = (client.events.find((e) => e.type === "agent_response")?.message as any)?.agent_response_event
      ?.event_id;
    await client.waitFor((e) => e.type === "audio" && (e.message as any).audio_event.is_final, {
      timeoutMs: 10_000,
      description: "the greeting's last audio chunk",
    });
    expect(client.agentAudio().sampleRate).toBe(8000);
    expect(client.agentAudio().eventIds).toEqual([eventId]);
    expect(checkAgentAudio(client.events).filter((r) => !r.ok)).toEqual([]);
    await client.close();
    const record = await finishedRecord(t, client.conversationId);
    expect(record.transcript[0].message).toBe("Hi Ada, you have 3 visits.");
  });

  it("a placeholder without a value: connect fails with the server's MISSING_DYNAMIC_VARIABLE", async () => {
    const error = await ConversationClient.connect({
      baseUrl: t.baseUrl,
      agentId: shop,
      overrides: { agent: { first_message: "Hi {{user_name}}" } },
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ConversationServerError);
    expect(error.code).toBe("MISSING_DYNAMIC_VARIABLE");
    expect(error.details).toMatchObject({ variable: "user_name" });
  });

  it("answers the server's pings with their event ids, and the server measures the round trip", async () => {
    const client = await ConversationClient.connect({ baseUrl: t.baseUrl, agentId: shop });
    const measured = await client.waitFor(
      (e) => e.type === "ping" && typeof (e.message as any).ping_event.ping_ms === "number",
      { timeoutMs: 5000, description: "a ping with ping_ms" },
    );
    expect((measured.message as any).ping_event.ping_ms).toBeGreaterThanOrEqual(0);
    const pings = client.events.filter((e) => e.direction === "in" && e.type === "ping");
    const pongs = client.events.filter((e) => e.direction === "out" && e.type === "pong");
    const first = (pings[0]?.message as any)?.ping_event?.event_id;
    expect(first).toBeTypeOf("number");
    expect(pongs.map((p) => p.message)).toContainEqual({ type: "pong", event_id: first });
    expect(client.events.some((e) => e.type === "error")).toBe(false);
    await client.close();
  });

  it("text turns, a contextual update, and the emulator takes both without an error", async () => {
    const client = await ConversationClient.connect({ baseUrl: t.baseUrl, agentId: shop });
    await nextAnswer(client, 0, "the greeting");
    client.sendContextualUpdate("The user is looking at the returns page.");
    let { sentAt } = await client.sendText("Are returns accepted?");
    expect(await nextAnswer(client, sentAt)).toBe("Returns are accepted within thirty days with a receipt.");
    ({ sentAt } = await client.sendText("Is parking free?", { form: "contract" }));
    expect(await nextAnswer(client, sentAt)).toBe("Parking is free behind the building.");
    expect(client.events.some((e) => e.type === "error")).toBe(false);
    const out = client.events.filter((e) => e.direction === "out").map((e) => e.type);
    expect(out).toEqual(
      expect.arrayContaining([
        "conversation_initiation_client_data",
        "contextual_update",
        "user_message",
        "user_input",
      ]),
    );
    await client.close();
  });

  it("a user turn during the greeting interrupts it: agentAudio keeps what came before the cut", async () => {
    const client = await ConversationClient.connect({
      baseUrl: t.baseUrl,
      agentId: shop,
      overrides: { agent: { first_message: `${SHOP.firstMessage} ${SHOP.knowledge}` } },
    });
    await client.waitFor((e) => e.type === "audio", { timeoutMs: 10_000, description: "the greeting's audio" });
    const { sentAt } = await client.sendText("Is parking free?");
    const cut = await client.waitFor((e) => e.type === "interruption", {
      timeoutMs: 5000,
      since: sentAt,
      description: "the interruption",
    });
    const cutId = (cut.message as any).interruption_event.event_id;
    expect(await nextAnswer(client, sentAt)).toBe("Parking is free behind the building.");
    await client.close();
    const audio = client.agentAudio();
    expect(audio.eventIds[0]).toBe(cutId);
    // Nothing of the cut response that arrived after the interruption is kept.
    const lateOfCut = client.events.filter(
      (e) => e.type === "audio" && e.at > cut.at && (e.message as any).audio_event.event_id <= cutId,
    );
    const kept = client.events.filter((e) => e.type === "audio").length - lateOfCut.length;
    expect(audio.chunks).toBe(kept);
    // The interrupted response is not held to its text's duration.
    const duration = checkAgentAudio(client.events).find((r) => r.check === "audio-duration" && r.eventId === cutId);
    expect(duration).toMatchObject({ ok: true });
    expect(duration?.detail).toContain("interrupted");
  });

  it("a client tool round trip: the table's result, then its error, reach the agent", async () => {
    const calls: Record<string, unknown>[] = [];
    let fail = false;
    const client = await ConversationClient.connect({
      baseUrl: t.baseUrl,
      agentId: toolAgent,
      clientTools: {
        open_cart: (parameters) => {
          calls.push(parameters);
          return fail ? { error: "the cart is unavailable" } : { result: "The cart holds two lamps." };
        },
      },
    });
    let { sentAt } = await client.sendText("Can you open my cart?");
    expect(await nextAnswer(client, sentAt)).toBe("Here is what I found: The cart holds two lamps.");
    fail = true;
    ({ sentAt } = await client.sendText("Can you open my cart?"));
    expect(await nextAnswer(client, sentAt)).toBe("Sorry, the open cart tool did not work.");
    expect(calls).toHaveLength(2);
    const results = client.events.filter((e) => e.direction === "out" && e.type === "client_tool_result");
    expect(results.map((e) => (e.message as any).is_error)).toEqual([false, true]);
    await client.close();
  });

  it("a client tool the table lacks is answered with an error, which the agent reports", async () => {
    const client = await ConversationClient.connect({ baseUrl: t.baseUrl, agentId: toolAgent });
    const { sentAt } = await client.sendText("Can you open my cart?");
    expect(await nextAnswer(client, sentAt)).toBe("Sorry, the open cart tool did not work.");
    const answer = client.events.find((e) => e.type === "client_tool_result")?.message as any;
    expect(answer).toMatchObject({ is_error: true });
    expect(answer.result).toContain('unknown client tool "open_cart"');
    await client.close();
  });

  it("the server's 1002 close (no user input) rejects a waiting caller with its code and meaning", async () => {
    const patient = await createShopAgent(t, {
      conversation_config: { agent: { first_message: "" }, conversation: { timeout_seconds: 1 } },
    });
    const client = await ConversationClient.connect({ baseUrl: t.baseUrl, agentId: patient });
    const error = await client
      .waitFor((e) => e.type === "agent_response", { timeoutMs: 10_000, description: "a greeting" })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConversationClosedError);
    expect(error).toMatchObject({ closeCode: 1002, reason: "no user input", byServer: true });
    expect(error.meaning).toContain("no user input for too long");
    expect(error.message).toContain("1002 operational error");
    expect(client.events.at(-1)).toMatchObject({ direction: "in", type: "close", message: { code: 1002 } });
  });

  it("an abort signal closes the conversation", async () => {
    const controller = new AbortController();
    const client = await ConversationClient.connect({ baseUrl: t.baseUrl, agentId: shop, signal: controller.signal });
    controller.abort();
    expect(await client.closed).toMatchObject({ code: 1000, byServer: false });
  });
});
