import { readFileSync } from "node:fs";
import MarkdownIt from "markdown-it";

/** One fenced code block of a Markdown document, where it is and what it is under. */
export interface DocSample {
  /** `README.md:73`, for messages. */
  where: string;
  lang: string;
  meta: string;
  text: string;
  /** The nearest heading above the block. */
  section: string;
}

/** Every fenced block, in order, from a real Markdown parse (fences inside lists and quotes included). */
export function docSamples(path: string, label: string): DocSample[] {
  const tokens = new MarkdownIt().parse(readFileSync(path, "utf8"), {});
  const samples: DocSample[] = [];
  let section = "";
  tokens.forEach((token, i) => {
    if (token.type === "heading_open") section = tokens[i + 1]?.content ?? "";
    if (token.type !== "fence") return;
    const [lang = "", ...meta] = token.info.trim().split(/\s+/);
    samples.push({
      where: `${label}:${(token.map?.[0] ?? 0) + 1}`,
      lang,
      meta: meta.join(" "),
      text: token.content,
      section,
    });
  });
  return samples;
}
