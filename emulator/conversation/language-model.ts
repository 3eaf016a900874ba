import { words } from "./words";

/**
 * Phrases every conversation may contain, whatever the agent: greetings, answers, digits, the
 * frames of a question. Together with the agent's own words (README, "Speech recognition") they
 * are all the recogniser listens for.
 */
export const BASE_CORPUS = `hello. hi. yes. no. okay. thank you. thank you goodbye. goodbye. bye.
zero one two three four five six seven eight nine.
what time does the. what time is it. when does it open. when does it close. when does the. where can i. where is the. is the. is there a.
what is the. what is the status of. how do i. how much does it cost. can i. can you. do you have.
tell me about. i want to. i need to. i would like to.`;

/**
 * An ARPA back-off bigram model of `corpus`, limited to the words the pronunciation dictionary
 * knows: unigrams with add-one smoothing, bigrams with absolute discounting (D = 0.5) backing off
 * to the unigrams. Sentences are split at punctuation and line ends.
 */
export function bigramModel(corpus: string, known: (word: string) => boolean): string {
  const sentences = `${BASE_CORPUS}\n${corpus}`
    .split(/[.!?;:\n]+/)
    .map((s) => words(s).filter(known))
    .filter((s) => s.length > 0);
  const unigrams = new Map<string, number>();
  const bigrams = new Map<string, number>();
  let tokens = 0;
  for (const sentence of sentences) {
    const ws = ["<s>", ...sentence, "</s>"];
    ws.forEach((w, i) => {
      unigrams.set(w, (unigrams.get(w) ?? 0) + 1);
      tokens++;
      if (i > 0) bigrams.set(`${ws[i - 1]} ${w}`, (bigrams.get(`${ws[i - 1]} ${w}`) ?? 0) + 1);
    });
  }
  const D = 0.5;
  const p1 = (w: string) => ((unigrams.get(w) ?? 0) + 1) / (tokens + unigrams.size);
  const histories = new Map<string, { count: number; types: number; seenMass: number }>();
  for (const [pair, count] of bigrams) {
    const [h, w] = pair.split(" ") as [string, string];
    const e = histories.get(h) ?? { count: 0, types: 0, seenMass: 0 };
    histories.set(h, { count: e.count + count, types: e.types + 1, seenMass: e.seenMass + p1(w) });
  }
  const log = (x: number) => Math.log10(x).toFixed(4);
  const lines = ["\\data\\", `ngram 1=${unigrams.size}`, `ngram 2=${bigrams.size}`, "", "\\1-grams:"];
  for (const w of unigrams.keys()) {
    const h = histories.get(w);
    const backoff = h ? (D * h.types) / h.count / Math.max(1e-6, 1 - h.seenMass) : 1;
    lines.push(`${w === "<s>" ? "-99" : log(p1(w))} ${w} ${log(backoff)}`);
  }
  lines.push("", "\\2-grams:");
  for (const [pair, count] of bigrams) {
    const h = histories.get(pair.split(" ")[0] as string) as { count: number };
    lines.push(`${log((count - D) / h.count)} ${pair}`);
  }
  lines.push("", "\\end\\", "");
  return lines.join("\n");
}
