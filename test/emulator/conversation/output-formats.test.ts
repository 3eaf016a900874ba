import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIO_FORMATS, bytesPerSecond } from "../../../provider/audio/formats";
import { decodeAudio } from "../../../provider/audio/pcm";
import { TestEmulator } from "../../support/test-emulator";
import { connect } from "./helpers";

let t: TestEmulator;
let agentId: string;
const GREETING = "Hi there.";
beforeAll(async () => {
  t = await TestEmulator.start();
  agentId = (
    await t.api("POST", "/agents", { name: "Greeter", conversation_config: { agent: { first_message: GREETING } } })
  ).body.agent_id;
});
afterAll(() => t.close());

describe("agent speech in every output format", () => {
  it("says the same thing, just as long, in each format, with alignment and one is_final", async () => {
    const durations: Record<string, number> = {};
    await Promise.all(
      AUDIO_FORMATS.map(async (format) => {
        const c = await connect(t, agentId, { overrides: { tts: { output_format: format } } });
        const meta = await c.metadata();
        expect(meta.conversation_initiation_metadata_event.agent_output_audio_format).toBe(format);
        const hello = await c.next("agent_response");
        const { chunks, bytes } = await c.responseAudio(hello.agent_response_event.event_id);
        durations[format] = bytes.length / bytesPerSecond(format);
        // 100 ms chunks: the count follows from the duration.
        expect(chunks).toHaveLength(Math.ceil((durations[format] as number) / 0.1 - 1e-9));
        expect(chunks.map((m) => m.audio_event.is_final)).toEqual(chunks.map((_, i) => i === chunks.length - 1));
        expect(chunks.flatMap((m) => m.audio_event.alignment.chars).join("")).toBe(GREETING);
        const samples = decodeAudio(bytes, format, 16000);
        expect(Math.max(...samples.map(Math.abs))).toBeGreaterThan(3000); // speech, not silence
        await c.close();
      }),
    );
    const reference = durations.pcm_16000 as number;
    expect(reference).toBeGreaterThan(0.5);
    for (const format of AUDIO_FORMATS) expect(Math.abs((durations[format] as number) - reference)).toBeLessThan(0.01);
  });
});
