import type { AudioFormat } from "../../provider/audio/formats";
import { bytesPerSecond } from "../../provider/audio/formats";
import { type Speech, synthesize } from "../../provider/speech/synthesizer";
import { type Alignment, type ServerMessage, serverMessage } from "./protocol";

/** Agent audio goes out in chunks of this much speech, one per this many ms of wall-clock time. */
export const CHUNK_MS = 100;

export interface SpokenResult {
  /** False when an interruption cut the speech. */
  completed: boolean;
  /** What the listener heard: the whole text, or the characters that started before the cut. */
  heard: string;
}

/**
 * The agent's voice on one socket: synthesizes a response and streams it in `CHUNK_MS` chunks
 * paced at real time (chunk n leaves n·CHUNK_MS after the first, on a schedule that does not
 * drift), every chunk with the response's `event_id`, its characters' `alignment` (ms from the
 * chunk's start) and `is_final` on the last. One response at a time; `interrupt()` stops it.
 */
export class Speaker {
  private current:
    | { eventId: number; speech: Speech; started: number; timer?: NodeJS.Timeout; done: (r: SpokenResult) => void }
    | undefined;

  constructor(
    private readonly send: (message: ServerMessage) => void,
    private readonly format: AudioFormat,
    private readonly language: string,
  ) {}

  get speaking(): boolean {
    return this.current !== undefined;
  }

  async speak(text: string, eventId: number): Promise<SpokenResult> {
    this.interrupt();
    const speech = await synthesize(text, this.format, this.language);
    return new Promise((done) => {
      const chunkBytes = Math.round((bytesPerSecond(this.format) * CHUNK_MS) / 1000 / 2) * 2;
      const count = Math.max(1, Math.ceil(speech.audio.length / chunkBytes));
      const current = {
        eventId,
        speech,
        started: performance.now(),
        done,
        timer: undefined as NodeJS.Timeout | undefined,
      };
      this.current = current;
      const sendChunk = (n: number) => {
        if (this.current !== current) return;
        const audio = speech.audio.subarray(n * chunkBytes, (n + 1) * chunkBytes);
        const last = n === count - 1;
        this.send(
          serverMessage.audio(
            audio.toString("base64"),
            eventId,
            last,
            alignment(speech, n * CHUNK_MS, last ? Infinity : (n + 1) * CHUNK_MS),
          ),
        );
        if (last) {
          this.current = undefined;
          done({ completed: true, heard: text });
          return;
        }
        const due = current.started + (n + 1) * CHUNK_MS;
        current.timer = setTimeout(() => sendChunk(n + 1), Math.max(0, due - performance.now()));
      };
      sendChunk(0);
    });
  }

  /** Stops the response being spoken, if any; returns its event id. */
  interrupt(): number | undefined {
    const current = this.current;
    if (!current) return undefined;
    clearTimeout(current.timer);
    this.current = undefined;
    const elapsed = performance.now() - current.started;
    const heard = current.speech.text
      .slice(0, current.speech.charStartMs.filter((ms) => ms < elapsed).length)
      .trimEnd();
    current.done({ completed: false, heard });
    return current.eventId;
  }
}

/** The characters whose start falls in [fromMs, toMs), with times from `fromMs`. */
function alignment(speech: Speech, fromMs: number, toMs: number): Alignment {
  const a: Alignment = { chars: [], char_start_times_ms: [], char_durations_ms: [] };
  const starts = speech.charStartMs;
  starts.forEach((ms, i) => {
    if (ms < fromMs || ms >= toMs) return;
    a.chars.push(speech.text[i] as string);
    a.char_start_times_ms.push(ms - fromMs);
    a.char_durations_ms.push((starts[i + 1] ?? speech.durationMs) - ms);
  });
  return a;
}
