import type { ConversationSettings } from "./settings";

/** Turn detection works on 16 kHz mono, in the 20 ms frames the WebRTC VAD takes. */
export const VAD_RATE = 16000;
const FRAME = 320;
const FRAME_MS = 20;
/** `vad_score` is the share of speech frames over the last 100 ms. */
const SCORE_FRAMES = 5;
/** A turn longer than this is cut and recognised as it is. */
const MAX_UTTERANCE_MS = 30_000;

export type TurnEvent =
  | { type: "vad_score"; score: number }
  | { type: "speech_started" }
  | { type: "utterance"; samples: Int16Array; endedAtMs: number };

type Fvad = Awaited<ReturnType<typeof import("@echogarden/fvad-wasm").default>>;
let fvad: Promise<Fvad> | undefined;
const loadFvad = () => {
  fvad ??= import("@echogarden/fvad-wasm").then(({ default: init }) => init());
  return fvad;
};

/**
 * Server VAD: the WebRTC voice activity detector (libfvad as WebAssembly) marks each 20 ms frame
 * as speech or not; the score is the share of speech frames over the last 100 ms. A turn starts
 * when the score reaches `threshold` (which also picks the detector's aggressiveness), keeps
 * `prefix_padding_ms` of audio from before that, and ends after `silence_duration_ms` without
 * speech. Times are audio time (samples received), not wall-clock time, so the same audio always
 * gives the same turns however it is chunked.
 */
export class TurnDetector {
  private pending: Int16Array = new Int16Array(0);
  private recent: number[] = [];
  private history: Int16Array[] = [];
  private utterance: Int16Array[] | undefined;
  private silentFrames = 0;
  private frames = 0;
  private readonly instance: number;
  private readonly frame: number;

  private constructor(
    private readonly vad: Fvad,
    private readonly turn: ConversationSettings["turn"],
  ) {
    this.instance = vad._fvad_new();
    vad._fvad_set_mode(this.instance, Math.min(3, Math.floor(turn.threshold * 4)));
    vad._fvad_set_sample_rate(this.instance, VAD_RATE);
    this.frame = vad._malloc(FRAME * 2);
  }

  static async create(turn: ConversationSettings["turn"]): Promise<TurnDetector> {
    return new TurnDetector(await loadFvad(), turn);
  }

  /** Audio time received so far, in ms. */
  get audioMs(): number {
    return this.frames * FRAME_MS;
  }

  get inSpeech(): boolean {
    return this.utterance !== undefined;
  }

  push(samples: Int16Array): TurnEvent[] {
    const all = new Int16Array(this.pending.length + samples.length);
    all.set(this.pending);
    all.set(samples, this.pending.length);
    const events: TurnEvent[] = [];
    let at = 0;
    for (; at + FRAME <= all.length; at += FRAME) events.push(...this.onFrame(all.slice(at, at + FRAME)));
    this.pending = all.slice(at);
    return events;
  }

  close(): void {
    this.vad._free(this.frame);
    this.vad._fvad_free(this.instance);
  }

  private onFrame(frame: Int16Array): TurnEvent[] {
    this.frames++;
    this.vad.HEAP16.set(frame, this.frame >> 1);
    const speech = this.vad._fvad_process(this.instance, this.frame, FRAME) === 1 ? 1 : 0;
    this.recent.push(speech);
    if (this.recent.length > SCORE_FRAMES) this.recent.shift();
    const score = this.recent.reduce((a, b) => a + b, 0) / SCORE_FRAMES;
    const events: TurnEvent[] = [];

    if (!this.utterance) {
      this.history.push(frame);
      const keep = Math.ceil(this.turn.prefixPaddingMs / FRAME_MS) + SCORE_FRAMES;
      if (this.history.length > keep) this.history.shift();
      if (score >= this.turn.threshold && speech) {
        // Exactly `prefix_padding_ms` before the first speech frame of the window, so a turn's
        // audio does not depend on what came before it (the recogniser is sensitive to that).
        const sinceOnset = this.recent.length - this.recent.indexOf(1);
        const prefixFrames = Math.ceil(this.turn.prefixPaddingMs / FRAME_MS);
        this.utterance = this.history.slice(Math.max(0, this.history.length - sinceOnset - prefixFrames));
        this.silentFrames = 0;
        events.push({ type: "vad_score", score }, { type: "speech_started" });
      }
      return events;
    }
    this.utterance.push(frame);
    this.silentFrames = speech ? 0 : this.silentFrames + 1;
    if (this.frames % SCORE_FRAMES === 0 && score > 0) events.push({ type: "vad_score", score });
    const tooLong = this.utterance.length * FRAME_MS >= MAX_UTTERANCE_MS;
    if (this.silentFrames * FRAME_MS >= this.turn.silenceDurationMs || tooLong) {
      const samples = new Int16Array(this.utterance.length * FRAME);
      this.utterance.forEach((f, i) => {
        samples.set(f, i * FRAME);
      });
      this.utterance = undefined;
      this.history = [];
      events.push({ type: "utterance", samples, endedAtMs: this.audioMs });
    }
    return events;
  }
}
