/** The committed spoken user turns (`test/fixtures/speech/`) and the text each one says. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const DIR = join(__dirname, "..", "fixtures", "speech");

export const SPOKEN_TEXT: Record<string, string> = JSON.parse(readFileSync(join(DIR, "transcripts.json"), "utf8"));

/** A fixture's WAV bytes (any rate and channel count), as a caller hands them to `ConversationClient.sendAudio`. */
export const spokenWav = (name: string): Buffer => readFileSync(join(DIR, name));
