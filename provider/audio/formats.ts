/**
 * The audio formats of the conversation protocol (`agent_output_audio_format`,
 * `user_input_audio_format`, `tts.output_format`): `pcm_<rate>` is 16-bit little-endian mono PCM,
 * `ulaw_8000` is 8-bit G.711 μ-law mono at 8 kHz.
 */
export const AUDIO_FORMATS = [
  "pcm_8000",
  "pcm_16000",
  "pcm_22050",
  "pcm_24000",
  "pcm_44100",
  "pcm_48000",
  "ulaw_8000",
] as const;
export type AudioFormat = (typeof AUDIO_FORMATS)[number];

export interface FormatSpec {
  encoding: "pcm" | "ulaw";
  sampleRate: number;
}

export const isAudioFormat = (value: unknown): value is AudioFormat =>
  typeof value === "string" && (AUDIO_FORMATS as readonly string[]).includes(value);

export function parseFormat(format: AudioFormat): FormatSpec {
  const [encoding, rate] = format.split("_") as ["pcm" | "ulaw", string];
  return { encoding, sampleRate: Number(rate) };
}

/** Bytes per second of one channel in `format`, to turn byte counts into durations. */
export const bytesPerSecond = (format: AudioFormat): number => {
  const spec = parseFormat(format);
  return spec.sampleRate * (spec.encoding === "pcm" ? 2 : 1);
};
