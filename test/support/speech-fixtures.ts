/** The committed spoken user turns (`test/fixtures/speech/`) and the text each one says. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AudioFormat } from "../../provider/audio/formats";
import { encodeAudio } from "../../provider/audio/pcm";
import { readWav } from "../../provider/audio/wav";

const DIR = join(__dirname, "..", "fixtures", "speech");

export const SPOKEN_TEXT: Record<string, string> = JSON.parse(readFileSync(join(DIR, "transcripts.json"), "utf8"));

/** A fixture converted to `format` (any rate and channel count in, mono in the format out). */
export function spokenTurn(name: string, format: AudioFormat = "pcm_16000"): Buffer {
  const wav = readWav(readFileSync(join(DIR, name)));
  return encodeAudio(wav.samples, wav.sampleRate, format);
}
