import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spokenWav } from "../../support/speech-fixtures";
import type { TestEmulator } from "../../support/test-emulator";
import { connect, finishedRecord, SHOP, startShop } from "./helpers";

let t: TestEmulator;
let agentId: string;
beforeAll(async () => {
  ({ t, agentId } = await startShop());
});
afterAll(() => t.close());

describe("interrupting the agent", () => {
  it("by a text turn: stops the agent's audio, says which response was cut, and the transcript keeps what was heard", async () => {
    const c = await connect(t, agentId);
    const conversationId = c.client.conversationId;
    const hello = await c.next("agent_response");
    const eventId = hello.agent_response_event.event_id;
    await c.next("audio", (m) => m.audio_event.event_id === eventId && m.audio_event.alignment.chars.length > 0);
    await c.client.sendText("Where can I park?");
    const cut = await c.next("interruption");
    expect(cut.interruption_event.event_id).toBe(eventId);
    const answer = await c.next("agent_response");
    expect(answer.agent_response_event.agent_response).toBe("Parking is free behind the building.");
    const helloAudio = c.messages.filter((m) => m.type === "audio" && m.audio_event.event_id === eventId);
    expect(helloAudio.some((m) => m.audio_event.is_final)).toBe(false);
    await c.client.close();

    const record = await finishedRecord(t, conversationId);
    const first = record.transcript[0];
    expect(first.interrupted).toBe(true);
    expect(SHOP.firstMessage.startsWith(first.message)).toBe(true);
    expect(first.message.length).toBeLessThan(SHOP.firstMessage.length);
    expect(record.analysis.transcript_summary).toContain("interrupted");
  });

  it("is interrupted by the user's voice: speech detected in the audio cuts the agent off", async () => {
    const c = await connect(t, agentId);
    const conversationId = c.client.conversationId;
    const hello = await c.next("agent_response");
    const eventId = hello.agent_response_event.event_id;
    await c.next("audio", (m) => m.audio_event.event_id === eventId);
    await c.client.sendAudio(spokenWav("parking.wav"), { speed: Infinity, chunkMs: 100, trailingSilenceMs: 1000 });
    await c.next("vad_score");
    expect((await c.next("interruption")).interruption_event.event_id).toBe(eventId);
    expect((await c.next("user_transcript")).user_transcription_event.user_transcript).toBe("is parking free");
    expect((await c.next("agent_response")).agent_response_event.agent_response).toBe(
      "Parking is free behind the building.",
    );
    await c.client.close();
    const record = await finishedRecord(t, conversationId);
    expect(record.transcript.map((e: any) => [e.role, e.interrupted ?? false])).toEqual([
      ["agent", true],
      ["user", false],
      ["agent", false],
    ]);
  });
});
