/**
 * Word error rate: (substitutions + deletions + insertions) / words expected, by word-level edit
 * distance after normalising case and punctuation, so "What time does the store open?" and
 * "what time does the store open" are the same. 0 is a perfect hearing; it can exceed 1.
 */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, " ")
    .split(/\s+/)
    .filter(Boolean);
}

export function wordErrorRate(expected: string, heard: string): number {
  const ref = words(expected);
  const hyp = words(heard);
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  let previous = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const row = [i];
    for (let j = 1; j <= hyp.length; j++) {
      const substitution = (previous[j - 1] as number) + (ref[i - 1] === hyp[j - 1] ? 0 : 1);
      row[j] = Math.min(substitution, (previous[j] as number) + 1, (row[j - 1] as number) + 1);
    }
    previous = row;
  }
  return (previous[hyp.length] as number) / ref.length;
}
