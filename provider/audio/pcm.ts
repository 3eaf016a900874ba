import { WaveFile } from "wavefile";
import { type AudioFormat, parseFormat } from "./formats";

/**
 * Conversions between 16-bit mono samples and the protocol's wire formats. `wavefile` does the
 * signal work (its sinc resampler with a low-pass filter, and its G.711 μ-law codec), so nothing
 * here is hand-written DSP.
 */

/** `samples` at `from` Hz resampled to `to` Hz (a copy; the same array when the rates match). */
export function resample(samples: Int16Array, from: number, to: number): Int16Array {
  if (from === to || samples.length === 0) return samples;
  const wav = new WaveFile();
  wav.fromScratch(1, from, "16", samples);
  wav.toSampleRate(to, { method: "sinc", LPF: true });
  return wav.getSamples(false, Int16Array) as unknown as Int16Array;
}

/** Averages interleaved channels into one. */
export function toMono(interleaved: Int16Array, channels: number): Int16Array {
  if (channels === 1) return interleaved;
  const out = new Int16Array(Math.floor(interleaved.length / channels));
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += interleaved[i * channels + c] as number;
    out[i] = Math.round(sum / channels);
  }
  return out;
}

/** Little-endian bytes of 16-bit samples (what `pcm_*` formats carry). */
export function pcmBytes(samples: Int16Array): Buffer {
  const out = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) out.writeInt16LE(samples[i] as number, i * 2);
  return out;
}

/** 16-bit samples from little-endian bytes; a trailing odd byte is ignored. */
export function pcmSamples(bytes: Uint8Array): Int16Array {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int16Array(Math.floor(buf.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = buf.readInt16LE(i * 2);
  return out;
}

export function mulawEncode(samples: Int16Array): Buffer {
  const wav = new WaveFile();
  wav.fromScratch(1, 8000, "16", samples);
  wav.toMuLaw();
  return Buffer.from(wav.getSamples(false, Uint8Array) as unknown as Uint8Array);
}

export function mulawDecode(bytes: Uint8Array): Int16Array {
  const wav = new WaveFile();
  wav.fromScratch(1, 8000, "8m", bytes);
  wav.fromMuLaw("16");
  return wav.getSamples(false, Int16Array) as unknown as Int16Array;
}

/** Mono samples at `rate` Hz, encoded in `format` (resampled as needed). */
export function encodeAudio(samples: Int16Array, rate: number, format: AudioFormat): Buffer {
  const spec = parseFormat(format);
  const resampled = resample(samples, rate, spec.sampleRate);
  return spec.encoding === "pcm" ? pcmBytes(resampled) : mulawEncode(resampled);
}

/** Bytes in `format` decoded to mono samples at `rate` Hz. */
export function decodeAudio(bytes: Uint8Array, format: AudioFormat, rate: number): Int16Array {
  const spec = parseFormat(format);
  const samples = spec.encoding === "pcm" ? pcmSamples(bytes) : mulawDecode(bytes);
  return resample(samples, spec.sampleRate, rate);
}

/** Float samples (-1…1) as 16-bit, clipped. */
export function floatToInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i] as number));
    out[i] = Math.round(s < 0 ? s * 0x8000 : s * 0x7fff);
  }
  return out;
}

/** 16-bit sample runs joined into one array of floats (-1…1). */
export function int16ToFloat(parts: readonly Int16Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) out[at + i] = (p[i] as number) / 0x8000;
    at += p.length;
  }
  return out;
}
