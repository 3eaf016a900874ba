import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeWav } from "../../provider/audio/wav";
import { bigramModel } from "./language-model";
import { VAD_RATE } from "./turn-detection";

const BINARY = "pocketsphinx_continuous";
const MODEL_DIR = "/usr/share/pocketsphinx/model/en-us";
const DICTIONARY = join(MODEL_DIR, "cmudict-en-us.dict");
export const INSTALL_HINT = "apt-get install -y pocketsphinx pocketsphinx-en-us";

export interface Recognition {
  text: string;
  /** Mean of the recogniser's word posteriors, 0..1. */
  confidence: number;
}

/**
 * Offline speech recognition with CMU PocketSphinx (Debian's `pocketsphinx` and its US English
 * acoustic model), one process per user turn. Its general English model hears little in
 * synthetic speech, so each conversation gets a small bigram model of the words the agent expects
 * (its prompt, first message, tool names and descriptions, knowledge base, plus common phrases).
 */
export class Recogniser {
  /** Pronunciation lines of the full dictionary by word (`read` and `read(2)` under `read`). */
  private dictionary: Map<string, string[]> | undefined;
  /** One directory per recogniser (per emulator): `dispose()` of one must not pull files from under another. */
  private readonly dir = join(tmpdir(), `elevenlabs-emulator-asr-${process.pid}-${randomBytes(4).toString("hex")}`);
  private readonly models = new Map<string, Promise<{ lm: string; dict: string }>>();

  /** Why recognition is off on this machine, or undefined when it works. */
  static missing(): string | undefined {
    const onPath = (process.env.PATH ?? "").split(":").some((d) => d && existsSync(join(d, BINARY)));
    if (!onPath) return `${BINARY} is not installed`;
    if (!existsSync(DICTIONARY) || !existsSync(join(MODEL_DIR, "en-us")))
      return "the en-us acoustic model is not installed";
    return undefined;
  }

  async recognise(samples: Int16Array, vocabulary: string): Promise<Recognition> {
    const { lm, dict } = await this.languageModel(vocabulary);
    const wav = join(
      this.dir,
      `turn-${createHash("sha1").update(samples).digest("hex")}-${Math.random().toString(36).slice(2)}.wav`,
    );
    await writeFile(wav, writeWav(trimSilence(samples), VAD_RATE));
    try {
      // Options measured on the fixtures (README): noise removal and the flat second pass
      // each cost accuracy on synthetic speech.
      const options = ["-remove_noise", "no", "-fwdflat", "no", "-time", "yes", "-logfn", "/dev/null"];
      const args = ["-infile", wav, "-lm", lm, "-dict", dict, ...options];
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile(BINARY, args, { timeout: 30_000 }, (error, out) => (error ? reject(error) : resolve(out))),
      );
      return parse(stdout);
    } finally {
      await rm(wav, { force: true });
    }
  }

  /** Synchronous, so the files are gone even when the process exits right after `close()`. */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * The agent's bigram model and a dictionary of just its words: loading the full 130,000-word
   * dictionary costs PocketSphinx seconds per turn, a small one a few milliseconds.
   */
  private languageModel(vocabulary: string): Promise<{ lm: string; dict: string }> {
    const key = createHash("sha1").update(vocabulary).digest("hex");
    let model = this.models.get(key);
    if (!model) {
      model = (async () => {
        await mkdir(this.dir, { recursive: true });
        const dictionary = this.loadDictionary();
        const arpa = bigramModel(vocabulary, (w) => dictionary.has(w));
        const used = new Set(arpa.split("\n").flatMap((line) => line.split(/\s+/)));
        const lm = join(this.dir, `${key}.lm`);
        const dict = join(this.dir, `${key}.dict`);
        await writeFile(lm, arpa);
        await writeFile(dict, `${[...used].flatMap((w) => dictionary.get(w) ?? []).join("\n")}\n`);
        return { lm, dict };
      })();
      this.models.set(key, model);
    }
    return model;
  }

  private loadDictionary(): Map<string, string[]> {
    if (!this.dictionary) {
      this.dictionary = new Map();
      for (const line of readFileSync(DICTIONARY, "utf8").split("\n")) {
        const word = line.slice(0, line.indexOf(" ")).replace(/\(\d+\)$/, "");
        if (!word) continue;
        const lines = this.dictionary.get(word) ?? [];
        lines.push(line);
        this.dictionary.set(word, lines);
      }
    }
    return this.dictionary;
  }
}

/**
 * The turn's audio with exactly a quarter second of its own quiet kept before the first and after
 * the last loud sample. PocketSphinx's answer on synthetic speech shifts with a few tens of ms of
 * extra lead-in, which depends on what the turn detector heard before; this makes the same
 * words give the same transcript wherever they fall in a conversation.
 */
function trimSilence(samples: Int16Array): Int16Array {
  const loud = (s: number) => Math.abs(s) > 300;
  const first = samples.findIndex(loud);
  if (first < 0) return samples;
  const last = samples.findLastIndex(loud);
  const pad = VAD_RATE / 4;
  const out = new Int16Array(last - first + 1 + 2 * pad);
  out.set(samples.subarray(first, last + 1), pad);
  return out;
}

/** `-time yes` prints each hypothesis line, then one `word start end posterior` line per word. */
function parse(stdout: string): Recognition {
  const spoken: Array<{ word: string; p: number }> = [];
  for (const line of stdout.split("\n")) {
    const parts = line.trim().split(/\s+/);
    if (parts.length !== 4 || parts.slice(1).some((x) => Number.isNaN(Number(x)))) continue;
    const word = parts[0] as string;
    if (word.startsWith("<") || word.startsWith("[") || word.startsWith("+")) continue;
    spoken.push({ word: word.replace(/\(\d+\)$/, ""), p: Math.min(1, Number(parts[3])) });
  }
  const text = spoken.map((s) => s.word).join(" ");
  const confidence = spoken.length ? spoken.reduce((a, s) => a + s.p, 0) / spoken.length : 0;
  return { text, confidence: Math.round(confidence * 100) / 100 };
}
