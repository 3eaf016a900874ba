/**
 * Text extraction for knowledge-base files. Plain text, Markdown and HTML are extracted;
 * PDF, DOCX and EPUB are stored but not extracted, because that needs a parser dependency
 * this project does not take (README: "content unavailable").
 */
export const FILE_TYPES: Record<string, { mime: string; extract?: (bytes: Buffer) => string }> = {
  txt: { mime: "text/plain", extract: (b) => b.toString("utf8") },
  md: { mime: "text/markdown", extract: (b) => b.toString("utf8") },
  markdown: { mime: "text/markdown", extract: (b) => b.toString("utf8") },
  html: { mime: "text/html", extract: (b) => htmlToText(b.toString("utf8")) },
  htm: { mime: "text/html", extract: (b) => htmlToText(b.toString("utf8")) },
  pdf: { mime: "application/pdf" },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  epub: { mime: "application/epub+zip" },
};

/** The file's extension decides; the part's content type is the fallback for names without one. */
export function detectFileType(filename: string, contentType: string): string | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  if (ext && FILE_TYPES[ext]) return ext;
  const mime = contentType.split(";")[0]?.trim().toLowerCase();
  return Object.keys(FILE_TYPES).find((key) => FILE_TYPES[key]?.mime === mime);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
const BLOCK = /<\/?(p|div|br|h[1-6]|li|ul|ol|tr|table|section|article|header|footer|pre|blockquote)\b[^>]*>/gi;

/**
 * A minimal tag strip, not an HTML parser: drops script/style/comments, turns block tags into
 * paragraph breaks, removes the remaining tags and decodes the common entities.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, "")
    .replace(BLOCK, "\n\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#\d+|[a-z]+);/gi, (whole, name: string) =>
      name.startsWith("#") ? String.fromCodePoint(Number(name.slice(1))) : (ENTITIES[name.toLowerCase()] ?? whole),
    )
    .replace(/[ \t]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
