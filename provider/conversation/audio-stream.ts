import { setTimeout as sleep } from "node:timers/promises";
import { type AudioFormat, bytesPerSecond, encodeAudio, floatToInt16, parseFormat, readWav } from "../audio/index";

/** What `sendAudio` takes: a WAV file's bytes, or mono float samples (-1…1) at a rate. */
export type UserAudio = Uint8Array | { samples: Float32Array; sampleRate: number };

export interface AudioStreamOptions {
  /** 1 = real time (default), 2 = twice as fast, `Infinity` = as fast as the socket takes it. */
  speed?: number;
  /** Silence sent after the audio so the server's VAD sees the turn end. */
  trailingSilenceMs?: number;
  /** @default 250 (what the official Python client sends) */
  chunkMs?: number;
}

/** Any WAV (any rate, mono or stereo, 16-bit or float) or float samples, encoded in `format`. */
export function encodeUserAudio(audio: UserAudio, format: AudioFormat): Buffer {
  if (audio instanceof Uint8Array) {
    const wav = readWav(audio);
    return encodeAudio(wav.samples, wav.sampleRate, format);
  }
  return encodeAudio(floatToInt16(audio.samples), audio.sampleRate, format);
}

/** `ms` of digital silence in `format` (μ-law's zero is 0xFF). */
export function silence(format: AudioFormat, ms: number): Buffer {
  const bytes = Math.round((bytesPerSecond(format) * ms) / 1000);
  const frame = parseFormat(format).encoding === "pcm" ? 2 : 1;
  return Buffer.alloc(bytes - (bytes % frame), parseFormat(format).encoding === "ulaw" ? 0xff : 0);
}

export interface PacedResult {
  /** Event-clock ms when the first chunk left. */
  startedAt: number;
  /** Event-clock ms of the end of the speech (before the trailing silence): the sending time of its last byte, or its audio time when paced. */
  endedAt: number;
}

/**
 * Sends `speech` then `trailing` in chunks of `chunkMs` audio time, chunk n leaving at
 * `start + n·chunkMs / speed` (a microphone's pace at speed 1); lateness does not accumulate,
 * since every chunk is scheduled from the start.
 */
export async function streamPaced(
  speech: Buffer,
  trailing: Buffer,
  format: AudioFormat,
  send: (chunk: Buffer) => void,
  now: () => number,
  options: { speed: number; chunkMs: number; signal?: AbortSignal },
): Promise<PacedResult> {
  const perMs = bytesPerSecond(format) / 1000;
  const frame = parseFormat(format).encoding === "pcm" ? 2 : 1;
  const step = Math.max(frame, Math.round(options.chunkMs * perMs) - (Math.round(options.chunkMs * perMs) % frame));
  const all = Buffer.concat([speech, trailing]);
  const startedAt = now();
  let speechSentAt = startedAt;
  for (let at = 0, n = 0; at < all.length; at += step, n++) {
    options.signal?.throwIfAborted();
    if (Number.isFinite(options.speed)) {
      const due = startedAt + (n * options.chunkMs) / options.speed;
      const wait = due - now();
      if (wait > 0) await sleep(wait, undefined, { signal: options.signal });
    }
    send(all.subarray(at, at + step));
    if (at < speech.length) speechSentAt = now();
    // Yield between chunks even at full speed so incoming messages (pings, tool calls) are handled.
    if (!Number.isFinite(options.speed)) await new Promise((r) => setImmediate(r));
  }
  const speechMs = speech.length / perMs;
  const endedAt = Number.isFinite(options.speed)
    ? Math.max(speechSentAt, startedAt + speechMs / options.speed)
    : speechSentAt;
  return { startedAt, endedAt };
}
