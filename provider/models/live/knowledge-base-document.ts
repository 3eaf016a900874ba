import { z } from "zod";
import { bookkeeping, httpUrl, nonEmpty } from "../common";
import { exactlyOneSource } from "../knowledge-base-document";
import type { ModelRules } from "../spec";

/**
 * A workspace document (live-vs-seed.md §2.5): it belongs to no agent. An agent uses it by
 * listing it in `conversationConfig.agent.prompt.knowledgeBase` (`{ type, name, id }`).
 */
export const liveKnowledgeBaseDocumentModel = z
  .strictObject({
    name: nonEmpty.optional().describe("Required for text documents."),
    text: nonEmpty.optional().describe("Content of a text document. Exactly one of text, url, filePath."),
    url: httpUrl.optional().describe("A page the platform fetches. Exactly one of text, url, filePath."),
    filePath: nonEmpty
      .optional()
      .describe("A local file uploaded as multipart; its sha256 `contentHash` drives the diff."),
    contentHash: z.string().optional().describe("Computed by check from filePath; do not set."),
    parentFolderId: nonEmpty.optional().describe("The knowledge-base folder to create it in."),
    enableAutoSync: z.boolean().optional().describe("URL documents: re-fetch periodically."),
    readyTimeoutSeconds: z.number().positive().optional().describe("How long create waits. @default 120"),
    ...bookkeeping,
  })
  .superRefine(exactlyOneSource);

/** No update in place is used: every compared input replaces. */
export const liveKnowledgeBaseDocumentRules: ModelRules = {
  naturalKey: "name",
  replaceOnChanges: ["name", "text", "url", "contentHash", "parentFolderId", "enableAutoSync"],
  secretOutputs: [],
  opaqueMaps: [],
  serverSet: [
    "documentId",
    "type",
    "metadata",
    "supportedUsages",
    "accessInfo",
    "folderParentId",
    "folderPath",
    "dependentAgents",
    "extractedInnerHtml",
    "filename",
  ],
  writeOnly: ["text", "filePath", "contentHash", "parentFolderId", "enableAutoSync", "readyTimeoutSeconds"],
  ignoreInDiff: ["filePath", "readyTimeoutSeconds"],
  profileOnly: ["parentFolderId", "enableAutoSync"],
};
export type LiveKnowledgeBaseDocumentInputs = z.infer<typeof liveKnowledgeBaseDocumentModel>;
