/** Every kind's codec, and the codecs of the API objects that are not resources (conversations). */
import { MODELS } from "../models/index";
import type { ResourceKind } from "../models/spec";
import { type Codec, modelCodec } from "./codec";
import { toolShape } from "./tool";

const plain = (kind: ResourceKind) => modelCodec(MODELS[kind].rules.opaqueMaps);

export const CODECS: Record<ResourceKind, Codec> = {
  Agent: plain("Agent"),
  Tool: modelCodec(MODELS.Tool.rules.opaqueMaps, toolShape),
  KnowledgeBaseDocument: plain("KnowledgeBaseDocument"),
  AgentKnowledgeBaseIndex: plain("AgentKnowledgeBaseIndex"),
  PhoneNumber: plain("PhoneNumber"),
  Widget: plain("Widget"),
  WorkspaceSecret: plain("WorkspaceSecret"),
  WorkspaceSettings: plain("WorkspaceSettings"),
};

/**
 * Conversations, their filters, feedback and outbound calls, signed URLs: the public functions
 * take and return camelCase like the resources. Metadata, analysis results, dynamic variables and
 * tool parameters are user data, kept verbatim.
 */
export const functionsCodec: Codec = modelCodec([
  "metadata",
  "analysis.dataCollectionResults",
  "analysis.evaluationCriteriaResults",
  "conversationInitiationClientData.dynamicVariables",
  "transcript.toolCalls.params",
  "transcript.toolCalls.parameters",
  "transcript.toolResults.result",
]);

export type { Codec } from "./codec";
export { decodeObject } from "./codec";
