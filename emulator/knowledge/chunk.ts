/** Target chunk size in characters; chunks end at paragraph, then sentence boundaries. */
export const CHUNK_SIZE = 1000;

/**
 * Greedy packing of paragraphs into chunks of at most `size` characters; a paragraph that is
 * too long alone is split at sentence ends, and a sentence that is too long at `size`.
 */
export function chunkText(text: string, size = CHUNK_SIZE): string[] {
  const pieces = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap((p) => (p.length <= size ? [p] : splitLong(p, size)));
  const chunks: string[] = [];
  let current = "";
  for (const piece of pieces) {
    const joined = current ? `${current}\n\n${piece}` : piece;
    if (joined.length <= size) {
      current = joined;
    } else {
      if (current) chunks.push(current);
      current = piece;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

function splitLong(paragraph: string, size: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const sentence of paragraph.split(/(?<=[.!?])\s+/)) {
    for (let i = 0; i < sentence.length; i += size) {
      const part = sentence.slice(i, i + size);
      const joined = current ? `${current} ${part}` : part;
      if (joined.length <= size) current = joined;
      else {
        if (current) out.push(current);
        current = part;
      }
    }
  }
  if (current) out.push(current);
  return out;
}
