/**
 * Text extraction for knowledge-base files: one table of supported types, each with the library
 * that reads it (html-to-text for HTML, mammoth for DOCX, unpdf for PDF, fflate + htmlparser2 for EPUB).
 * Extraction is async and may throw: it runs in `finishDocument` after the upload was answered,
 * and a throw there turns the document `failed`, so a slow or broken file never holds up a request.
 */
import { compile } from "html-to-text";
import mammoth from "mammoth";
import { extractText, getDocumentProxy } from "unpdf";
import { epubChapters } from "./epub";

export interface FileType {
  mime: string;
  /** Names the format in a failed document's `error`. */
  label: string;
  extract: (bytes: Buffer) => Promise<string>;
}

const utf8 = async (bytes: Buffer) => bytes.toString("utf8");
const html = async (bytes: Buffer) => htmlToText(bytes.toString("utf8"));

export const FILE_TYPES: Record<string, FileType> = {
  txt: { mime: "text/plain", label: "text", extract: utf8 },
  md: { mime: "text/markdown", label: "Markdown", extract: utf8 },
  markdown: { mime: "text/markdown", label: "Markdown", extract: utf8 },
  html: { mime: "text/html", label: "HTML", extract: html },
  htm: { mime: "text/html", label: "HTML", extract: html },
  pdf: { mime: "application/pdf", label: "PDF", extract: pdfToText },
  docx: {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    label: "DOCX",
    extract: async (buffer) => (await mammoth.extractRawText({ buffer })).value.trim(),
  },
  epub: {
    mime: "application/epub+zip",
    label: "EPUB",
    extract: async (bytes) => epubChapters(bytes).map(htmlToText).filter(Boolean).join("\n\n"),
  },
};

/** The file's extension decides; the part's content type is the fallback for names without one. */
export function detectFileType(filename: string, contentType: string): string | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  if (ext && FILE_TYPES[ext]) return ext;
  const mime = contentType.split(";")[0]?.trim().toLowerCase();
  return Object.keys(FILE_TYPES).find((key) => FILE_TYPES[key]?.mime === mime);
}

// Plain readable text for retrieval: no wrapping (chunking decides lengths), no "[href]" after
// links, no image placeholders, headings as written rather than upper-cased, and headings spaced
// like paragraphs so every block boundary is exactly one blank line.
const heading = { format: "heading", options: { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 2 } };
export const htmlToText: (html: string) => string = compile({
  wordwrap: false,
  selectors: [
    { selector: "a", options: { ignoreHref: true } },
    { selector: "img", format: "skip" },
    // The default table format runs cells together ("NamePrice"); dataTable keeps them apart.
    { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
    ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, ...heading })),
  ],
});

async function pdfToText(bytes: Buffer): Promise<string> {
  // Our own proxy only to silence PDF.js's console warnings (e.g. "Indexing all PDF objects"
  // on damaged files), which would otherwise bypass the emulator's logger.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  try {
    return (await extractText(pdf, { mergePages: true })).text.trim();
  } finally {
    await pdf.loadingTask.destroy();
  }
}
