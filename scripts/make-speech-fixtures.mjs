// Writes the spoken user turns under test/fixtures/speech/ with the emulator's own offline
// synthesizer (eSpeak NG as WebAssembly), and transcripts.json with the text each file says.
// Run after `npm run build`: node scripts/make-speech-fixtures.mjs
// The files are committed; re-running gives the same bytes (the synthesizer is deterministic).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { resample } from "../dist/provider/audio/pcm.js";
import { writeWav } from "../dist/provider/audio/wav.js";
import { SYNTH_RATE, synthesizeSamples } from "../dist/provider/speech/synthesizer.js";

const dir = join(import.meta.dirname, "..", "test", "fixtures", "speech");
/** name -> [text, sample rate, channels]; a quarter second of silence on each side, as a microphone gives. */
const turns = {
  "store-hours": ["What time does the store open?", 16000, 1],
  parking: ["Is parking free?", 16000, 1],
  returns: ["Are returns accepted?", 16000, 1],
  "order-status": ["What is the status of order one two three?", 16000, 1],
  goodbye: ["Goodbye.", 16000, 1],
  "parking-44k-stereo": ["Is parking free?", 44100, 2],
};

const transcripts = {};
for (const [name, [text, rate, channels]] of Object.entries(turns)) {
  // A caller speaks a little slower than the agent (150 words a minute against 165).
  const { samples } = await synthesizeSamples(text, "en", 150);
  const speech = resample(samples, SYNTH_RATE, rate);
  const pad = Math.round(rate / 4);
  const mono = new Int16Array(speech.length + 2 * pad);
  mono.set(speech, pad);
  const out = new Int16Array(mono.length * channels);
  // The right channel is a little quieter, so stereo is not just the same samples twice.
  mono.forEach((s, i) => {
    for (let c = 0; c < channels; c++) out[i * channels + c] = c === 0 ? s : Math.round(s * 0.8);
  });
  writeFileSync(join(dir, `${name}.wav`), writeWav(out, rate, channels));
  transcripts[`${name}.wav`] = text;
}
writeFileSync(join(dir, "transcripts.json"), `${JSON.stringify(transcripts, null, 2)}\n`);
console.log(`wrote ${Object.keys(turns).length} WAV files to ${dir}`);
