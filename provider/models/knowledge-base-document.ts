import { z } from "zod";
import { bookkeeping, freeFormMap, httpUrl, nonEmpty } from "./common";
import type { ModelRules } from "./spec";

const SOURCES = ["text", "url", "filePath"] as const;

/** A document comes from exactly one source; a text document needs a name. */
export function exactlyOneSource(
  doc: { text?: string; url?: string; filePath?: string; name?: string },
  ctx: z.RefinementCtx,
): void {
  const set = SOURCES.filter((k) => doc[k] !== undefined);
  if (set.length !== 1) {
    ctx.addIssue({
      code: "custom",
      path: [set[1] ?? "text"],
      message: `exactly one of text, url or filePath must be set, got ${set.length === 0 ? "none" : set.join(" and ")}`,
    });
  }
  if (doc.text !== undefined && doc.name === undefined) {
    ctx.addIssue({ code: "custom", path: ["name"], message: "is required for a text document" });
  }
}

export const knowledgeBaseDocumentModel = z
  .strictObject({
    agentId: nonEmpty.describe("The agent whose knowledge base holds the document."),
    name: nonEmpty.optional().describe("Required for text documents."),
    description: z.string().optional(),
    metadata: freeFormMap.optional().describe("Free-form; keys kept verbatim."),
    text: nonEmpty.optional().describe("Content of a text document. Exactly one of text, url, filePath."),
    url: httpUrl.optional().describe("A page the platform fetches. Exactly one of text, url, filePath."),
    filePath: nonEmpty
      .optional()
      .describe(
        "A local file (PDF, DOCX, TXT, HTML, EPUB) uploaded as multipart; its sha256 `contentHash` drives the diff.",
      ),
    contentHash: z.string().optional().describe("Computed by check from filePath; do not set."),
    readyTimeoutSeconds: z.number().positive().optional().describe("How long create waits for `ready`. @default 120"),
    ...bookkeeping,
  })
  .superRefine(exactlyOneSource);
export type KnowledgeBaseDocumentInputs = z.infer<typeof knowledgeBaseDocumentModel>;

/** Documents have no update route: every compared input replaces. */
export const knowledgeBaseDocumentRules: ModelRules = {
  replaceOnChanges: ["agentId", "name", "description", "metadata", "text", "url", "contentHash"],
  secretOutputs: [],
  opaqueMaps: ["metadata"],
  serverSet: ["documentId", "type", "status", "createdAt", "updatedAt", "error"],
  writeOnly: ["text", "filePath", "contentHash", "readyTimeoutSeconds"],
  ignoreInDiff: ["filePath", "readyTimeoutSeconds"],
  profileOnly: ["agentId", "description", "metadata"],
};
