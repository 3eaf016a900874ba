import { describe, expect, it } from "vitest";
import { WaveFile } from "wavefile";
import { floatToInt16, int16ToFloat, readWav, writeWav } from "../../../provider/audio/index";

/** A WAV of `frames` stereo frames at `rate`, left = right = a ramp, in `bitDepth`. */
function stereo(rate: number, frames: number, bitDepth: "16" | "24" | "32f"): Uint8Array {
  const interleaved = new Int16Array(frames * 2);
  for (let i = 0; i < frames; i++) interleaved[2 * i] = interleaved[2 * i + 1] = (i % 100) * 100;
  const wav = new WaveFile();
  wav.fromScratch(2, rate, "16", interleaved);
  if (bitDepth !== "16") wav.toBitDepth(bitDepth);
  return wav.toBuffer();
}

describe("readWav", () => {
  it.each(["16", "24", "32f"] as const)(
    "reads a %s-bit stereo file's rate and channels and averages to mono",
    (depth) => {
      const wav = readWav(stereo(22050, 2205, depth));
      expect(wav).toMatchObject({ sampleRate: 22050, channels: 2 });
      expect(wav.samples).toHaveLength(2205);
      expect(Math.abs((wav.samples[50] as number) - 5000)).toBeLessThanOrEqual(1);
    },
  );

  it("reads a 32-bit float mono file", () => {
    const wav = new WaveFile();
    wav.fromScratch(
      1,
      48000,
      "32f",
      Float32Array.from({ length: 480 }, (_, i) => (i % 10) / 20),
    );
    const read = readWav(wav.toBuffer());
    expect(read).toMatchObject({ sampleRate: 48000, channels: 1 });
    expect(read.samples).toHaveLength(480);
    expect(Math.abs((read.samples[5] as number) - 0.25 * 32767)).toBeLessThanOrEqual(2);
  });

  it("round-trips what writeWav writes", () => {
    const samples = Int16Array.from({ length: 800 }, (_, i) => (i % 50) * 300 - 7000);
    expect(readWav(writeWav(samples, 8000))).toEqual({ sampleRate: 8000, channels: 1, samples });
  });
});

describe("float ↔ 16-bit", () => {
  it("clips floats outside -1…1 and joins 16-bit runs back to floats", () => {
    expect(Array.from(floatToInt16(Float32Array.from([-2, -1, 0, 0.5, 1, 2])))).toEqual([
      -32768, -32768, 0, 16384, 32767, 32767,
    ]);
    expect(Array.from(int16ToFloat([Int16Array.from([-32768, 0]), Int16Array.from([16384])]))).toEqual([-1, 0, 0.5]);
  });
});
