/** Every kind's codec, and the codecs of the API objects that are not resources (conversations). */
import { LIVE_MODELS, MODELS } from "../models/index";
import type { ResourceKind } from "../models/spec";
import type { ProfileName } from "../profiles/types";
import { type Codec, modelCodec, type ShapeHooks } from "./codec";
import { liveAgentShape } from "./live/agent";
import {
  liveDocumentShape,
  livePhoneNumberShape,
  liveSecretShape,
  liveSettingsShape,
  liveWidgetShape,
} from "./live/resources";
import { liveToolShape } from "./live/tool";
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

const LIVE_SHAPES: Partial<Record<ResourceKind, ShapeHooks>> = {
  Agent: liveAgentShape,
  Tool: liveToolShape,
  KnowledgeBaseDocument: liveDocumentShape,
  PhoneNumber: livePhoneNumberShape,
  Widget: liveWidgetShape,
  WorkspaceSecret: liveSecretShape,
  WorkspaceSettings: liveSettingsShape,
};

/** The live API's codecs: one per kind the live profile has (see LIVE_MODELS). */
export const LIVE_CODECS: Partial<Record<ResourceKind, Codec>> = Object.fromEntries(
  Object.entries(LIVE_MODELS).map(([kind, { rules }]) => [
    kind,
    modelCodec(rules.opaqueMaps, LIVE_SHAPES[kind as ResourceKind]),
  ]),
);

/** Each API profile's codecs. */
export const CODECS_BY_PROFILE: Record<ProfileName, Partial<Record<ResourceKind, Codec>>> = {
  seed: CODECS,
  live: LIVE_CODECS,
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

/**
 * The same per profile. A live conversation's `metadata` is the API's own (start time, duration,
 * cost…), camelCased; the caller's data there is the call's `dynamicVariables`.
 */
export const FUNCTION_CODECS: Record<ProfileName, Codec> = {
  seed: functionsCodec,
  live: modelCodec([
    "conversationInitiationClientData.dynamicVariables",
    "analysis.dataCollectionResults",
    "analysis.evaluationCriteriaResults",
  ]),
};

export type { Codec } from "./codec";
export { decodeObject } from "./codec";
