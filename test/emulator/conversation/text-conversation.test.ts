import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEmulator } from "../../support/test-emulator";
import { connect, finishedRecord, SHOP, startShop } from "./helpers";

let t: TestEmulator;
let agentId: string;
beforeAll(async () => {
  ({ t, agentId } = await startShop());
});
afterAll(() => t.close());

describe("a text conversation", () => {
  it("greets, answers from the knowledge base, ends on goodbye, and keeps the record", async () => {
    const c = await connect(t, agentId);
    const meta = await c.metadata();
    const conversationId = meta.conversation_initiation_metadata_event.conversation_id;
    expect(meta.conversation_initiation_metadata_event).toMatchObject({
      agent_id: agentId,
      agent_output_audio_format: "pcm_16000",
      user_input_audio_format: "pcm_16000",
    });
    expect((await t.api("GET", `/conversations/${conversationId}`)).body.status).toBe("in-progress");

    const hello = await c.next("agent_response");
    expect(hello.agent_response_event.agent_response).toBe(SHOP.firstMessage);
    const greeting = await c.responseAudio(hello.agent_response_event.event_id);
    expect(greeting.bytes.length).toBeGreaterThan(16000); // more than half a second of 16 kHz speech
    expect(greeting.chunks.filter((m) => m.audio_event.is_final)).toHaveLength(1);

    c.send({ type: "user_input", text: "What time does the store open?" });
    const answer = await c.next("agent_response");
    expect(answer.agent_response_event.agent_response).toBe(
      "The store opens at nine in the morning and closes at six in the evening.",
    );
    await c.responseAudio(answer.agent_response_event.event_id);

    c.send({ type: "user_message", text: "Something about penguins." });
    const fallback = await c.next("agent_response");
    expect(fallback.agent_response_event.agent_response).toBe("I'm sorry, I don't have an answer to that.");
    await c.responseAudio(fallback.agent_response_event.event_id);

    c.send({ type: "user_message", text: "Thanks, goodbye!" });
    const bye = await c.next("agent_response");
    expect(bye.agent_response_event.agent_response).toBe("Thank you for calling. Goodbye!");
    expect(await c.client.closed).toEqual({ code: 1000, reason: "end_call", byServer: true });

    const record = await finishedRecord(t, conversationId);
    expect(record.status).toBe("done");
    expect(record.transcript.map((e: any) => [e.role, e.message])).toEqual([
      ["agent", SHOP.firstMessage],
      ["user", "What time does the store open?"],
      ["agent", "The store opens at nine in the morning and closes at six in the evening."],
      ["user", "Something about penguins."],
      ["agent", "I'm sorry, I don't have an answer to that."],
      ["user", "Thanks, goodbye!"],
      ["agent", "Thank you for calling. Goodbye!"],
    ]);
    expect(record.transcript[2].rag_retrieval_info.chunks[0].chunk_id).toBe("chunk_0");
    expect(record.transcript[2].used_static_kb_document_ids).toHaveLength(1);
    expect(record.analysis.call_successful).toBe("success");
    expect(record).toMatchObject({ has_audio: true, has_response_audio: true, has_user_audio: false });
  });
});
