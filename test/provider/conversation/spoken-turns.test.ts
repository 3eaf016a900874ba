import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WaveFile } from "wavefile";
import { mulawDecode, readWav } from "../../../provider/audio/index";
import { ConversationClient, checkAgentAudio, type RecordedEvent } from "../../../provider/index";
import { createShopAgent, SHOP, startShop } from "../../support/shop-agent";
import { spokenWav } from "../../support/speech-fixtures";
import type { TestEmulator } from "../../support/test-emulator";

const fixture = spokenWav;

/** `name` re-encoded: another rate, channel count and sample type, as a caller's own recording would be. */
function reencoded(name: string, rate: number, channels: 1 | 2, bitDepth: "16" | "32f"): Uint8Array {
  const wav = new WaveFile(fixture(name));
  wav.toSampleRate(rate, { method: "sinc", LPF: true });
  const mono = wav.getSamples(false, Int16Array) as unknown as Int16Array;
  const interleaved = new Int16Array(mono.length * channels);
  for (let i = 0; i < mono.length; i++)
    for (let c = 0; c < channels; c++) interleaved[i * channels + c] = mono[i] as number;
  const out = new WaveFile();
  out.fromScratch(channels, rate, "16", interleaved);
  if (bitDepth === "32f") out.toBitDepth("32f");
  return out.toBuffer();
}

let t: TestEmulator;
let agentId: string;
beforeAll(async () => {
  ({ t, agentId } = await startShop({ conversation_config: { agent: { first_message: "" } } }));
});
afterAll(() => t.close());

const heard = (client: ConversationClient, since: number) =>
  client
    .waitFor((e) => e.type === "user_transcript", { timeoutMs: 15_000, since, description: "the user transcript" })
    .then((e) => (e.message as any).user_transcription_event.user_transcript as string);
const answered = (client: ConversationClient, since: number) =>
  client
    .waitFor((e) => e.type === "agent_response", { timeoutMs: 15_000, since, description: "the agent's answer" })
    .then((e) => e.message as any);
const audioDone = (client: ConversationClient, eventId: number) =>
  client.waitFor(
    (e) =>
      e.type === "audio" &&
      (e.message as any).audio_event.event_id === eventId &&
      (e.message as any).audio_event.is_final,
    {
      timeoutMs: 15_000,
      description: `the end of response ${eventId}'s audio`,
    },
  );

describe("spoken turns through the conversation client", () => {
  it.each([
    [
      "store-hours.wav as committed (16 kHz mono 16-bit)",
      () => fixture("store-hours.wav"),
      "what time does the store open",
      SHOP.knowledge.split("\n")[0],
    ],
    [
      "parking at 44.1 kHz stereo",
      () => fixture("parking-44k-stereo.wav"),
      "is parking free",
      "Parking is free behind the building.",
    ],
    [
      "parking at 22.05 kHz stereo float",
      () => reencoded("parking.wav", 22050, 2, "32f"),
      "is parking free",
      "Parking is free behind the building.",
    ],
    [
      "returns at 48 kHz mono float",
      () => reencoded("returns.wav", 48000, 1, "32f"),
      "are returns accepted",
      "Returns are accepted within thirty days with a receipt.",
    ],
    [
      "returns at 24 kHz mono 16-bit",
      () => reencoded("returns.wav", 24000, 1, "16"),
      "are returns accepted",
      "Returns are accepted within thirty days with a receipt.",
    ],
  ])("%s is heard and answered", async (_, wav, transcript, answer) => {
    const client = await ConversationClient.connect({ baseUrl: t.baseUrl, agentId });
    const { startedAt, endedAt } = await client.sendAudio(wav(), { speed: Infinity });
    expect(endedAt).toBeGreaterThanOrEqual(startedAt);
    expect(await heard(client, startedAt)).toBe(transcript);
    const response = await answered(client, startedAt);
    expect(response.agent_response_event.agent_response).toBe(answer);
    await client.close();
  });

  it("decodes the answer's audio at the announced rate, and it passes the audio checks", async () => {
    const client = await ConversationClient.connect({ baseUrl: t.baseUrl, agentId });
    const { startedAt } = await client.sendAudio(fixture("parking.wav"), { speed: Infinity });
    const response = await answered(client, startedAt);
    const eventId = response.agent_response_event.event_id;
    await audioDone(client, eventId);
    const audio = client.agentAudio(startedAt);
    expect(audio.sampleRate).toBe(16000);
    expect(audio.eventIds).toEqual([eventId]);
    const chunks = client.events.filter((e) => e.type === "audio");
    expect(audio.chunks).toBe(chunks.length);
    const bytes = chunks.reduce(
      (n, e) => n + Buffer.from((e.message as any).audio_event.audio_base_64, "base64").length,
      0,
    );
    expect(audio.pcm.length).toBe(bytes / 2);
    expect(Math.max(...audio.pcm.map(Math.abs))).toBeGreaterThan(0.05);
    const results = checkAgentAudio(client.events);
    expect(results.map((r) => [r.check, r.ok])).toEqual([
      ["audio-format", true],
      ["audio-not-silent", true],
      ["audio-duration", true],
    ]);
    await client.close();
  });

  it("takes float samples as well as WAV bytes", async () => {
    const wav = readWav(fixture("parking.wav"));
    const samples = Float32Array.from(wav.samples, (s) => s / 0x8000);
    const client = await ConversationClient.connect({ baseUrl: t.baseUrl, agentId });
    const { startedAt } = await client.sendAudio({ samples, sampleRate: wav.sampleRate }, { speed: Infinity });
    expect(await heard(client, startedAt)).toBe("is parking free");
    await client.close();
  });

  it("converts to the announced ulaw_8000 input and the agent answers the turn", async () => {
    const telephone = await createShopAgent(t, {
      conversation_config: { agent: { first_message: "" }, asr: { user_input_audio_format: "ulaw_8000" } },
    });
    const client = await ConversationClient.connect({ baseUrl: t.baseUrl, agentId: telephone });
    expect(client.userInputFormat).toBe("ulaw_8000");
    const { startedAt } = await client.sendAudio(fixture("parking.wav"), { speed: Infinity, trailingSilenceMs: 1000 });
    // Telephone-band speech is mostly lost on the emulator's recogniser (README): a turn is heard and answered.
    expect(typeof (await heard(client, startedAt))).toBe("string");
    await answered(client, startedAt);
    const sent = client.events.filter((e) => e.type === "user_audio_chunk");
    const bytes = Buffer.concat(sent.map((e) => Buffer.from((e.message as any).user_audio_chunk, "base64")));
    // 8,000 one-byte samples a second: the speech (1.585 s) and 1 s of silence, μ-law's silence being 0xFF.
    expect(Math.abs(bytes.length - (1.5848125 * 8000 + 8000))).toBeLessThanOrEqual(1);
    expect(bytes.subarray(bytes.length - 8000).every((b) => b === 0xff)).toBe(true);
    const decoded = mulawDecode(bytes.subarray(0, 12678));
    expect(Math.max(...decoded.map(Math.abs))).toBeGreaterThan(3000);
    // 250 ms chunks by default: 2,000 bytes each.
    expect(
      sent.slice(0, -1).every((e) => Buffer.from((e.message as any).user_audio_chunk, "base64").length === 2000),
    ).toBe(true);
    await client.close();
  });

  it("paces audio at the requested speed, chunk by chunk, and says when the speech ended", async () => {
    const client = await ConversationClient.connect({ baseUrl: t.baseUrl, agentId });
    const speed = 4;
    const { startedAt, endedAt } = await client.sendAudio(fixture("parking.wav"), {
      speed,
      chunkMs: 100,
      trailingSilenceMs: 800,
    });
    const chunks = client.events.filter((e: RecordedEvent) => e.type === "user_audio_chunk");
    expect(chunks).toHaveLength(Math.ceil((1584.8 + 800) / 100));
    // Chunk n leaves no earlier than n·100 ms / speed after the first (timers fire late, never
    // early by more than their millisecond rounding).
    const early = chunks.filter((c, n) => c.at - startedAt < (n * 100) / speed - 2);
    expect(early).toEqual([]);
    expect(endedAt - startedAt).toBeGreaterThanOrEqual(1584.8 / speed - 2);
    expect(endedAt).toBeLessThan(chunks.at(-1)?.at as number);
    expect(await heard(client, startedAt)).toBe("is parking free");
    await client.close();
  });
});
