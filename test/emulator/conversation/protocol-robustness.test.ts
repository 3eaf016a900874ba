import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestEmulator } from "../../support/test-emulator";
import { connect } from "./helpers";

let t: TestEmulator;
let agentId: string;
beforeAll(async () => {
  t = await TestEmulator.start({ conversationPingIntervalMs: 50 });
  agentId = (await t.api("POST", "/agents", { name: "Quiet" })).body.agent_id;
});
afterAll(() => t.close());

describe("the conversation protocol's housekeeping", () => {
  it("answers a client ping with pong, and the client's pong to a server ping feeds ping_ms", async () => {
    const c = await connect(t, agentId);
    c.send({ type: "ping" });
    expect(await c.next("pong")).toEqual({ type: "pong" });
    const first = await c.next("ping");
    expect(first.ping_event).toEqual({ event_id: 1, ping_ms: null });
    // The client answers it by itself (pong {event_id}).
    const later = await c.next("ping", (m) => typeof m.ping_event.ping_ms === "number");
    expect(later.ping_event.event_id).toBeGreaterThan(1);
    expect(later.ping_event.ping_ms).toBeGreaterThanOrEqual(0);
    await c.close();
  });

  it("answers malformed JSON, unknown types and bad fields with an error event and goes on", async () => {
    const c = await connect(t, agentId);
    c.send("{not json");
    expect((await c.next("error")).error_event).toMatchObject({
      code: "INVALID_MESSAGE",
      message: "message is not valid JSON",
    });
    c.send({ type: "dance" });
    expect((await c.next("error")).error_event.code).toBe("INVALID_MESSAGE");
    c.send({ type: "user_message", text: 42 });
    expect((await c.next("error")).error_event.message).toMatch(/^text: /);
    c.send({ user_audio_chunk: "not base64!" });
    expect((await c.next("error")).error_event.message).toMatch(/^user_audio_chunk: /);
    c.send({ type: "client_tool_result", tool_call_id: "call_nope", result: "x" });
    expect((await c.next("error")).error_event.code).toBe("UNKNOWN_TOOL_CALL");
    c.send({ type: "contextual_update", text: "The user is on the checkout page." });
    c.send({ type: "user_activity" });
    c.send({ type: "user_message", text: "Hello?" });
    expect((await c.next("agent_response")).agent_response_event.agent_response).toBe(
      "I'm sorry, I don't have an answer to that.",
    );
    await c.close();
    expect((await c.closed).code).toBe(1000);
  });
});
