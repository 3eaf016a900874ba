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
  ConversationSmokeTest: plain("ConversationSmokeTest"),
};

/**
 * Conversations, their filters, feedback and outbound calls, signed URLs: the public functions
 * take and return camelCase like the resources. User data keeps its keys verbatim: `metadata`
 * (which holds a call's dynamic variables) and the analysis results the live API keys by the
 * user's own criterion and data-collection ids. Tool-call parameters travel as JSON strings.
 */
export const functionsCodec: Codec = modelCodec([
  "metadata",
  "analysis.dataCollectionResults",
  "analysis.evaluationCriteriaResults",
]);

export type { Codec } from "./codec";
export { decodeObject } from "./codec";
