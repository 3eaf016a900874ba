import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Recogniser } from "../../../emulator/conversation/recogniser";
import { spokenWav } from "../../support/speech-fixtures";
import type { TestEmulator } from "../../support/test-emulator";
import { connect, finishedRecord, SHOP, startShop } from "./helpers";

let t: TestEmulator;
let agentId: string;
beforeAll(async () => {
  ({ t, agentId } = await startShop({ conversation_config: { agent: { first_message: "" } } }));
});
afterAll(() => t.close());

describe("a spoken conversation", () => {
  it("needs PocketSphinx, which .ci/run installs", () => {
    expect(Recogniser.missing()).toBeUndefined();
  });

  it("hears WAVs streamed in 20 and 250 ms chunks and answers the spoken questions from the knowledge base", async () => {
    const c = await connect(t, agentId);
    const conversationId = c.client.conversationId;

    await c.client.sendAudio(spokenWav("store-hours.wav"), { speed: Infinity, chunkMs: 20, trailingSilenceMs: 1000 });
    expect((await c.next("vad_score")).vad_score_event.vad_score).toBeGreaterThanOrEqual(0.5);
    const heard = await c.next("user_transcript");
    expect(heard.user_transcription_event).toMatchObject({
      user_transcript: "what time does the store open",
      is_final: true,
    });
    const answer = await c.next("agent_response");
    expect(answer.agent_response_event.agent_response).toBe(SHOP.knowledge.split("\n")[0]);
    await c.responseAudio(answer.agent_response_event.event_id);

    // Another rate and stereo: the shared audio helpers convert it to the agent's input format.
    await c.client.sendAudio(spokenWav("parking-44k-stereo.wav"), {
      speed: Infinity,
      chunkMs: 250,
      trailingSilenceMs: 1000,
    });
    expect((await c.next("user_transcript")).user_transcription_event.user_transcript).toBe("is parking free");
    const parking = await c.next("agent_response");
    expect(parking.agent_response_event.agent_response).toBe("Parking is free behind the building.");
    c.send({ type: "user_message", text: "Goodbye." });
    expect((await c.next("agent_response")).agent_response_event.agent_response).toBe(
      "Thank you for calling. Goodbye!",
    );
    expect((await c.closed).code).toBe(1000);

    const record = await finishedRecord(t, conversationId);
    expect(
      record.transcript.filter((e: any) => e.role === "user").map((e: any) => [e.message, e.source_medium]),
    ).toEqual([
      ["what time does the store open", "audio"],
      ["is parking free", "audio"],
      ["Goodbye.", "text"],
    ]);
    expect(record).toMatchObject({ has_user_audio: true, has_response_audio: true, status: "done" });
  });
});
