/**
 * The agent's view of text: lower-case words, with the small words that carry no topic dropped,
 * and spoken digits ("one two three") read as numbers, since that is how a recogniser writes
 * what a caller says.
 */
export const STOPWORDS = new Set(
  (
    "a an the and or but if of to in on at by for with from about as into is are was were be been am " +
    "do does did have has had i me my we our you your it its this that these those there here what which " +
    "who whom when where why how can could would should will shall may might must please tell give get " +
    "let know want need like just some any all so not no yes hi hello hey thanks thank okay ok"
  ).split(" "),
);

const DIGITS: Record<string, string> = {
  zero: "0",
  oh: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
};

/** Lower-case words of `text` (letters, digits, apostrophes), in order. */
export const words = (text: string): string[] => text.toLowerCase().match(/[a-z0-9']+/g) ?? [];

/** Words that say what the text is about: `words` without stopwords. */
export const contentWords = (text: string): string[] => words(text).filter((w) => !STOPWORDS.has(w));

/** Words of an identifier: `get_order_status`, `getOrderStatus` and `get-order status` all give get, order, status. */
export const identifierWords = (name: string): string[] =>
  words(name.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]/g, " "));

/**
 * The numbers in `text`, digits as written or runs of spoken digits joined ("one two three" and
 * "123" both give "123").
 */
export function numbersIn(text: string): string[] {
  const out: string[] = [];
  let run = "";
  for (const word of words(text)) {
    const digit = DIGITS[word] ?? (/^\d+$/.test(word) ? word : undefined);
    if (digit !== undefined) run += digit;
    else if (run) {
      out.push(run);
      run = "";
    }
  }
  if (run) out.push(run);
  return out;
}
