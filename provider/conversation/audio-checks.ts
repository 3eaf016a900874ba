import { type AudioFormat, int16ToFloat, isAudioFormat, mulawDecode, parseFormat, pcmSamples } from "../audio/index";
import type { RecordedEvent } from "./events";

/**
 * Checks on the agent's audio itself, not its text: pure functions over a conversation's
 * recorded events (`ConversationClient.events`), each giving results a report can print.
 *
 * - `audio-format`: every chunk of a response decodes in the announced `agent_output_audio_format`:
 *   valid base64, whole samples (a `pcm_*` chunk of odd byte length is not), and not a container
 *   or compressed stream (RIFF/WAV, ID3 or MP3 frames, Ogg, FLAC) sent where raw samples were announced.
 * - `audio-not-silent`: the response's RMS and peak reach thresholds (defaults -46 dBFS RMS, -34 dBFS peak).
 * - `audio-duration`: the audio's length is plausible for its text. With `alignment`, the audio
 *   lasts as long as its characters do (sum of `char_durations_ms`) within a factor of
 *   0.6–1.6 plus 500 ms (audio at another sample rate than announced fails this, e.g. 44.1 kHz
 *   sent as `pcm_16000` is 2.8× too long). Without alignment, the text's characters per second
 *   of audio lie in a speaking-rate band (default 6–30, spaces and punctuation counted; normal
 *   speech is about 14), with 1 s of slack for pauses at either end. A response cut by an
 *   interruption is not checked for duration.
 */

export type AudioCheckName = "audio-present" | "audio-format" | "audio-not-silent" | "audio-duration";

export interface AudioCheckResult {
  ok: boolean;
  check: AudioCheckName;
  /** One line a report can print. */
  detail: string;
  /** The response (`audio_event.event_id`) the result is about. */
  eventId?: number;
}

export interface AudioCheckOptions {
  /** Only audio received at or after this event-clock time (ms). */
  since?: number;
  /** @default 0.005 (-46 dBFS) */
  minRms?: number;
  /** @default 0.02 (-34 dBFS) */
  minPeak?: number;
  /** @default 6 */
  minCharsPerSecond?: number;
  /** @default 30 */
  maxCharsPerSecond?: number;
}

interface AudioChunk {
  at: number;
  base64: string;
  alignment?: { chars?: unknown; char_durations_ms?: unknown };
}

/** One agent response: its audio chunks (by `event_id`), its text, whether it was interrupted. */
export interface AgentResponseAudio {
  eventId: number;
  chunks: AudioChunk[];
  text?: string;
  interrupted: boolean;
}

/** The announced `agent_output_audio_format`, from the metadata event. */
export function announcedOutputFormat(events: readonly RecordedEvent[]): AudioFormat | undefined {
  for (const e of events) {
    if (e.direction !== "in" || e.type !== "conversation_initiation_metadata") continue;
    const format = (e.message as { conversation_initiation_metadata_event?: { agent_output_audio_format?: unknown } })
      .conversation_initiation_metadata_event?.agent_output_audio_format;
    return isAudioFormat(format) ? format : undefined;
  }
  return undefined;
}

/**
 * The agent's responses, by `event_id` in order of arrival. Texts come from `agent_response`
 * with the same `event_id` (the emulator sends one), else the n-th `agent_response` for the n-th response.
 */
export function agentResponses(events: readonly RecordedEvent[], since = 0): AgentResponseAudio[] {
  const byId = new Map<number, AgentResponseAudio>();
  const texts: { text: string; eventId?: number }[] = [];
  const interruptions: number[] = [];
  for (const e of events) {
    if (e.direction !== "in") continue;
    const m = e.message as Record<string, any>;
    if (e.type === "agent_response" && typeof m.agent_response_event?.agent_response === "string") {
      const id = m.agent_response_event.event_id;
      texts.push({ text: m.agent_response_event.agent_response, eventId: typeof id === "number" ? id : undefined });
    } else if (e.type === "interruption" && typeof m.interruption_event?.event_id === "number") {
      interruptions.push(m.interruption_event.event_id);
    } else if (e.type === "audio" && e.at >= since && typeof m.audio_event?.event_id === "number") {
      const id = m.audio_event.event_id as number;
      let response = byId.get(id);
      if (!response) {
        response = { eventId: id, chunks: [], interrupted: false };
        byId.set(id, response);
      }
      response.chunks.push({
        at: e.at,
        base64: String(m.audio_event.audio_base_64 ?? ""),
        alignment: m.audio_event.alignment ?? undefined,
      });
    }
  }
  const responses = [...byId.values()];
  const unmatched = texts.filter((t) => t.eventId === undefined);
  responses.forEach((r, i) => {
    r.text = texts.find((t) => t.eventId === r.eventId)?.text ?? unmatched[i]?.text;
    r.interrupted = interruptions.some((id) => id >= r.eventId);
  });
  return responses;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A container or compressed stream's signature at the start of `bytes`, if any. */
function containerSignature(bytes: Buffer): string | undefined {
  const ascii = bytes.subarray(0, 4).toString("latin1");
  if (ascii === "RIFF") return "a RIFF/WAV header";
  if (ascii.startsWith("ID3")) return "an ID3 (MP3) header";
  if (ascii === "OggS") return "an Ogg page";
  if (ascii === "fLaC") return "a FLAC header";
  // An MPEG audio layer III frame header: sync, a valid bitrate and sample-rate index.
  const [b0, b1, b2] = bytes;
  if (
    b0 === 0xff &&
    b1 !== undefined &&
    b2 !== undefined &&
    (b1 & 0xe6) === 0xe2 &&
    b2 >> 4 !== 0xf &&
    b2 >> 4 !== 0 &&
    ((b2 >> 2) & 3) !== 3
  ) {
    return "an MP3 frame header";
  }
  return undefined;
}

/** Decodes a response's chunks, or says why they are not in `format`. */
export function decodeResponse(
  response: AgentResponseAudio,
  format: AudioFormat,
): { ok: true; samples: Float32Array; durationMs: number } | { ok: false; problem: string } {
  const spec = parseFormat(format);
  const parts: Int16Array[] = [];
  for (const [i, chunk] of response.chunks.entries()) {
    if (!BASE64.test(chunk.base64) || chunk.base64.length % 4 !== 0) {
      return { ok: false, problem: `chunk ${i + 1} is not valid base64` };
    }
    const bytes = Buffer.from(chunk.base64, "base64");
    if (i === 0 && spec.encoding === "pcm") {
      const signature = containerSignature(bytes);
      if (signature) return { ok: false, problem: `chunk 1 starts with ${signature}, not raw ${format} samples` };
    }
    if (spec.encoding === "pcm" && bytes.length % 2 !== 0) {
      return { ok: false, problem: `chunk ${i + 1} has ${bytes.length} bytes: not whole 16-bit samples of ${format}` };
    }
    parts.push(spec.encoding === "pcm" ? pcmSamples(bytes) : mulawDecode(bytes));
  }
  const samples = int16ToFloat(parts);
  return { ok: true, samples, durationMs: (samples.length / spec.sampleRate) * 1000 };
}

const round = (n: number, digits = 0) => Number(n.toFixed(digits));
const dbfs = (x: number) => (x > 0 ? `${round(20 * Math.log10(x), 1)} dBFS` : "-inf dBFS");

/** RMS and peak of float samples. */
export function levels(samples: Float32Array): { rms: number; peak: number } {
  let sum = 0;
  let peak = 0;
  for (const s of samples) {
    sum += s * s;
    peak = Math.max(peak, Math.abs(s));
  }
  return { rms: samples.length ? Math.sqrt(sum / samples.length) : 0, peak };
}

/** Every audio check over every agent response in `events` (see the module comment). */
export function checkAgentAudio(events: readonly RecordedEvent[], options: AudioCheckOptions = {}): AudioCheckResult[] {
  const format = announcedOutputFormat(events);
  if (!format) {
    return [
      { ok: false, check: "audio-format", detail: "no conversation_initiation_metadata announced an output format" },
    ];
  }
  const responses = agentResponses(events, options.since);
  if (responses.length === 0) return [{ ok: false, check: "audio-present", detail: "the agent sent no audio" }];
  return responses.flatMap((r) => checkResponseAudio(r, format, options));
}

/** The checks of one response: format, then (when it decodes) silence and duration. */
export function checkResponseAudio(
  response: AgentResponseAudio,
  format: AudioFormat,
  options: AudioCheckOptions = {},
): AudioCheckResult[] {
  const eventId = response.eventId;
  const decoded = decodeResponse(response, format);
  if (!decoded.ok) {
    return [{ ok: false, check: "audio-format", eventId, detail: `response ${eventId}: ${decoded.problem}` }];
  }
  const results: AudioCheckResult[] = [
    {
      ok: true,
      check: "audio-format",
      eventId,
      detail: `response ${eventId}: ${response.chunks.length} chunks decode as ${format} (${round(decoded.durationMs)} ms)`,
    },
  ];
  const { rms, peak } = levels(decoded.samples);
  const minRms = options.minRms ?? 0.005;
  const minPeak = options.minPeak ?? 0.02;
  const loud = rms >= minRms && peak >= minPeak;
  results.push({
    ok: loud,
    check: "audio-not-silent",
    eventId,
    detail:
      `response ${eventId}: RMS ${dbfs(rms)}, peak ${dbfs(peak)}` +
      (loud ? "" : ` (below ${dbfs(minRms)} RMS / ${dbfs(minPeak)} peak: silence)`),
  });
  results.push(checkDuration(response, decoded.durationMs, options));
  return results;
}

function checkDuration(response: AgentResponseAudio, durationMs: number, options: AudioCheckOptions): AudioCheckResult {
  const eventId = response.eventId;
  const base = { check: "audio-duration" as const, eventId };
  const ms = round(durationMs);
  if (response.interrupted) {
    return { ...base, ok: true, detail: `response ${eventId}: interrupted after ${ms} ms; duration not checked` };
  }
  const durations = response.chunks.flatMap((c) =>
    Array.isArray(c.alignment?.char_durations_ms) ? (c.alignment.char_durations_ms as unknown[]) : [],
  );
  if (durations.length > 0) {
    const spoken = durations.reduce<number>((s, d) => s + (typeof d === "number" ? d : 0), 0);
    const ok = durationMs >= spoken * 0.6 && durationMs <= spoken * 1.6 + 500;
    return {
      ...base,
      ok,
      detail:
        `response ${eventId}: ${ms} ms of audio for ${durations.length} aligned characters lasting ${round(spoken)} ms` +
        (ok
          ? ""
          : " (outside 0.6–1.6× + 500 ms: the audio is not what its alignment describes, or not at the announced rate)"),
    };
  }
  const text = response.text;
  if (text === undefined) {
    return {
      ...base,
      ok: true,
      detail: `response ${eventId}: ${ms} ms of audio; no text or alignment to compare with`,
    };
  }
  const minCps = options.minCharsPerSecond ?? 6;
  const maxCps = options.maxCharsPerSecond ?? 30;
  const chars = text.length;
  const shortest = (chars / maxCps) * 1000;
  const longest = (chars / minCps) * 1000 + 1000;
  const ok = durationMs >= shortest && durationMs <= longest;
  return {
    ...base,
    ok,
    detail:
      `response ${eventId}: ${ms} ms of audio for ${chars} characters of text (${round(chars / Math.max(durationMs / 1000, 0.001), 1)}/s)` +
      (ok ? "" : ` (expected ${round(shortest)}–${round(longest)} ms at ${minCps}–${maxCps} characters a second)`),
  };
}
