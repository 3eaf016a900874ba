import type { AudioFormat } from "../audio/formats";
import { encodeAudio } from "../audio/pcm";

/** eSpeak NG speaks at this rate; every output format is resampled from it. */
export const SYNTH_RATE = 22050;

/** Synthesized speech in one output format, with each character's start time in the audio. */
export interface Speech {
  text: string;
  audio: Buffer;
  durationMs: number;
  /** Per character of `text`: when it starts, in ms from the start of `audio`. */
  charStartMs: number[];
}

interface EspeakEvent {
  type: string;
  text_position: number;
  audio_position: number;
}
interface EspeakWorker {
  set_voice(name: string): number;
  set_rate(wpm: number): void;
  synthesize(text: string, callback: (samples: Int16Array, events: EspeakEvent[]) => boolean): void;
}

let worker: Promise<EspeakWorker> | undefined;

/**
 * eSpeak NG compiled to WebAssembly (`@echogarden/espeak-ng-emscripten`): real speech with no
 * system package and no network; its 24 MB voice data loads once per process, on first use.
 */
function espeak(): Promise<EspeakWorker> {
  worker ??= import("@echogarden/espeak-ng-emscripten").then(async ({ default: init }) => {
    const module = await init();
    return new module.eSpeakNGWorker() as EspeakWorker;
  });
  return worker;
}

/**
 * The eSpeak voice for a conversation language: `en` speaks American English, others their own
 * voice if eSpeak has one, all with the Klatt variant `klatt4`, whose speech PocketSphinx's
 * acoustic model recognises far better than the default formant voice (README, "Speech").
 */
export const voiceFor = (language: string) => `${language === "en" || !language ? "en-us" : language}+klatt4`;

/** Mono 16-bit samples at `SYNTH_RATE` and the start (ms) of each word, by 0-based character index. */
export async function synthesizeSamples(
  text: string,
  language = "en",
  wordsPerMinute = 165,
): Promise<{ samples: Int16Array; wordStarts: Array<{ char: number; ms: number }> }> {
  const tts = await espeak();
  if (tts.set_voice(voiceFor(language)) !== 0) tts.set_voice(voiceFor("en"));
  tts.set_rate(wordsPerMinute);
  const parts: Int16Array[] = [];
  const wordStarts: Array<{ char: number; ms: number }> = [];
  tts.synthesize(text, (samples, events) => {
    parts.push(Int16Array.from(samples));
    for (const e of events) if (e.type === "word") wordStarts.push({ char: e.text_position - 1, ms: e.audio_position });
    return false;
  });
  const samples = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    samples.set(p, offset);
    offset += p.length;
  }
  return { samples, wordStarts };
}

const cache = new Map<string, Speech>();
const CACHE_SIZE = 256;

/**
 * `text` spoken in `format`. Synthesis runs on the event loop (WebAssembly, about a tenth of
 * real time), so answers are cached: a response said often (a first message to many callers)
 * is synthesized once.
 */
export async function synthesize(text: string, format: AudioFormat, language = "en"): Promise<Speech> {
  const key = `${format}\n${language}\n${text}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const { samples, wordStarts } = await synthesizeSamples(text, language);
  const durationMs = (samples.length / SYNTH_RATE) * 1000;
  const speech = {
    text,
    audio: encodeAudio(samples, SYNTH_RATE, format),
    durationMs,
    charStartMs: charTimes(text, wordStarts, durationMs),
  };
  cache.set(key, speech);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return speech;
}

/** Characters between one word's start and the next share that interval evenly. */
function charTimes(text: string, wordStarts: Array<{ char: number; ms: number }>, durationMs: number): number[] {
  const marks = [{ char: 0, ms: 0 }, ...wordStarts.filter((w) => w.char > 0), { char: text.length, ms: durationMs }];
  const out: number[] = [];
  for (let i = 0; i + 1 < marks.length; i++) {
    const a = marks[i] as { char: number; ms: number };
    const b = marks[i + 1] as { char: number; ms: number };
    for (let c = a.char; c < b.char; c++)
      out[c] = Math.round(a.ms + ((b.ms - a.ms) * (c - a.char)) / (b.char - a.char));
  }
  for (let c = 0; c < text.length; c++) out[c] ??= out[c - 1] ?? 0;
  return out.slice(0, text.length);
}
