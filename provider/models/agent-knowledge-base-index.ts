import { z } from "zod";
import { bookkeeping, nonEmpty } from "./common";
import type { ModelRules } from "./spec";

/** Recomputes the agent's RAG index whenever `documentIds` changes (wire it to the documents' ids). */
export const agentKnowledgeBaseIndexModel = z.strictObject({
  agentId: nonEmpty.describe("The agent whose RAG index is computed."),
  documentIds: z.array(z.string()).describe("The documents the index covers; a change triggers compute-index."),
  ...bookkeeping,
});
export type AgentKnowledgeBaseIndexInputs = z.infer<typeof agentKnowledgeBaseIndexModel>;

export const agentKnowledgeBaseIndexRules: ModelRules = {
  replaceOnChanges: ["agentId"],
  secretOutputs: [],
  opaqueMaps: [],
  serverSet: ["status", "estimatedTimeSeconds"],
};
