import { describe, expect, it } from "vitest";
import { encodeAudio, pcmBytes } from "../../../provider/audio/index";
import { checkAgentAudio, type RecordedEvent } from "../../../provider/index";

/** A recorded conversation built by hand: the checks are pure functions of the events. */
const metadata = (format: string): RecordedEvent => ({
  at: 0,
  direction: "in",
  type: "conversation_initiation_metadata",
  message: {
    type: "conversation_initiation_metadata",
    conversation_initiation_metadata_event: {
      conversation_id: "conv_x",
      agent_output_audio_format: format,
      user_input_audio_format: "pcm_16000",
    },
  },
});
const response = (text: string, eventId: number): RecordedEvent => ({
  at: 1,
  direction: "in",
  type: "agent_response",
  message: { type: "agent_response", agent_response_event: { agent_response: text, event_id: eventId } },
});
const audio = (bytes: Buffer, eventId: number, at = 2): RecordedEvent => ({
  at,
  direction: "in",
  type: "audio",
  message: { type: "audio", audio_event: { audio_base_64: bytes.toString("base64"), event_id: eventId } },
});
/** A loud 300 Hz tone, standing in for speech. */
const voice = (ms: number, rate = 16000) =>
  Int16Array.from({ length: Math.round((rate * ms) / 1000) }, (_, i) =>
    Math.round(6000 * Math.sin((2 * Math.PI * 300 * i) / rate)),
  );

const TEXT = "Parking is free behind the building."; // 36 characters

describe("audio checks over recorded events", () => {
  it("speech of a plausible length for its text passes all three checks, in either encoding", () => {
    for (const format of ["pcm_16000", "ulaw_8000"] as const) {
      const rate = format === "pcm_16000" ? 16000 : 8000;
      const bytes = encodeAudio(voice(2500, rate), rate, format);
      const results = checkAgentAudio([metadata(format), response(TEXT, 1), audio(bytes, 1)]);
      expect(results.map((r) => [r.check, r.ok, r.eventId])).toEqual([
        ["audio-format", true, 1],
        ["audio-not-silent", true, 1],
        ["audio-duration", true, 1],
      ]);
    }
  });

  it("without alignment, the text's speaking rate must lie within 6–30 characters a second (+1 s slack)", () => {
    const check = (ms: number) =>
      checkAgentAudio([metadata("pcm_16000"), response(TEXT, 1), audio(pcmBytes(voice(ms)), 1)]).find(
        (r) => r.check === "audio-duration",
      );
    expect(check(500)).toMatchObject({ ok: false }); // 72 characters a second: too fast to be this text
    expect(check(500)?.detail).toContain("expected 1200–7000 ms at 6–30 characters a second");
    expect(check(1200)).toMatchObject({ ok: true });
    expect(check(7000)).toMatchObject({ ok: true });
    expect(check(8000)).toMatchObject({ ok: false }); // too slow: padding, or the wrong audio
  });

  it("the thresholds are options", () => {
    const quiet = pcmBytes(voice(2500).map((s) => Math.round(s / 100)));
    const events = [metadata("pcm_16000"), response(TEXT, 1), audio(quiet, 1)];
    expect(checkAgentAudio(events).find((r) => r.check === "audio-not-silent")).toMatchObject({ ok: false });
    expect(
      checkAgentAudio(events, { minRms: 0.0005, minPeak: 0.001 }).find((r) => r.check === "audio-not-silent"),
    ).toMatchObject({ ok: true });
  });

  it("no metadata, or no audio at all, is a failure and says so", () => {
    expect(checkAgentAudio([response(TEXT, 1)])).toEqual([
      { ok: false, check: "audio-format", detail: "no conversation_initiation_metadata announced an output format" },
    ]);
    expect(checkAgentAudio([metadata("pcm_16000"), response(TEXT, 1)])).toEqual([
      { ok: false, check: "audio-present", detail: "the agent sent no audio" },
    ]);
  });

  it("checks each response on its own, and only those since a time", () => {
    const events = [
      metadata("pcm_16000"),
      response(TEXT, 1),
      audio(pcmBytes(new Int16Array(40000)), 1, 2),
      response(TEXT, 2),
      audio(pcmBytes(voice(2500)), 2, 10),
    ];
    const failed = checkAgentAudio(events).filter((r) => !r.ok);
    expect(failed.map((r) => [r.check, r.eventId])).toEqual([["audio-not-silent", 1]]);
    expect(checkAgentAudio(events, { since: 10 }).filter((r) => !r.ok)).toEqual([]);
  });

  it("a chunk that is not base64 fails the format check", () => {
    const bad: RecordedEvent = {
      ...audio(Buffer.alloc(0), 1),
      message: { type: "audio", audio_event: { audio_base_64: "not base64!", event_id: 1 } },
    };
    expect(checkAgentAudio([metadata("pcm_16000"), bad])[0]).toMatchObject({
      ok: false,
      check: "audio-format",
      detail: "response 1: chunk 1 is not valid base64",
    });
  });
});
