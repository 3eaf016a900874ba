import { type AudioFormat, decodeAudio, int16ToFloat, parseFormat } from "../audio/index";
import type { RecordedEvent } from "./events";

export interface AgentAudio {
  /** Float samples (-1…1) at `sampleRate`. */
  pcm: Float32Array;
  sampleRate: number;
  /** Audio chunks kept. */
  chunks: number;
  /** The responses (`audio_event.event_id`) they belong to, in order. */
  eventIds: number[];
}

/**
 * The agent's audio in `events` received at or after `since`, decoded from `format`.
 * Interruption-aware as a player is: a chunk that arrives after an `interruption` whose
 * `event_id` is at or above the chunk's is dropped (it would not be played); what arrived before
 * the cut was heard and is kept.
 */
export function decodeAgentAudio(events: readonly RecordedEvent[], format: AudioFormat, since = 0): AgentAudio {
  const sampleRate = parseFormat(format).sampleRate;
  const parts: Int16Array[] = [];
  const eventIds: number[] = [];
  let interruptedUpTo = -Infinity;
  for (const e of events) {
    if (e.direction !== "in") continue;
    const m = e.message as {
      interruption_event?: { event_id?: unknown };
      audio_event?: { audio_base_64?: unknown; event_id?: unknown };
    };
    if (e.type === "interruption" && typeof m.interruption_event?.event_id === "number") {
      interruptedUpTo = Math.max(interruptedUpTo, m.interruption_event.event_id);
      continue;
    }
    if (e.type !== "audio" || e.at < since || !m.audio_event) continue;
    const id = m.audio_event.event_id;
    if (typeof id === "number" && id <= interruptedUpTo) continue;
    parts.push(decodeAudio(Buffer.from(String(m.audio_event.audio_base_64 ?? ""), "base64"), format, sampleRate));
    if (typeof id === "number" && !eventIds.includes(id)) eventIds.push(id);
  }
  return { pcm: int16ToFloat(parts), sampleRate, chunks: parts.length, eventIds };
}
