import { WaveFile } from "wavefile";
import { toMono } from "./pcm";

export interface DecodedWav {
  sampleRate: number;
  channels: number;
  /** Mono 16-bit samples (channels averaged). */
  samples: Int16Array;
}

/** Reads a WAV file of any PCM bit depth, rate and channel count (or μ-law) to 16-bit mono. */
export function readWav(bytes: Uint8Array): DecodedWav {
  const wav = new WaveFile(bytes);
  // Read before any conversion: wavefile's conversions re-create the file and its header.
  const { sampleRate, numChannels } = wav.fmt as { sampleRate: number; numChannels: number };
  if ((wav as unknown as { bitDepth: string }).bitDepth === "8m") wav.fromMuLaw("16");
  else if ((wav as unknown as { bitDepth: string }).bitDepth !== "16") wav.toBitDepth("16");
  const interleaved = wav.getSamples(true, Int16Array) as unknown as Int16Array;
  return { sampleRate, channels: numChannels, samples: toMono(interleaved, numChannels) };
}

/** A 16-bit PCM WAV file; `channels` > 1 takes interleaved samples. */
export function writeWav(samples: Int16Array, sampleRate: number, channels = 1): Buffer {
  const wav = new WaveFile();
  wav.fromScratch(channels, sampleRate, "16", samples);
  return Buffer.from(wav.toBuffer());
}
