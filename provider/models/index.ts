/**
 * Every resource kind's zod model and rules, by kind: the one table the SDK (output names, secret
 * outputs) and the handlers' specs are read from. Pure data: no client, no I/O.
 */
import type { z } from "zod";
import type { ProfileName } from "../profiles/types";
import { agentModel, agentRules } from "./agent";
import { agentKnowledgeBaseIndexModel, agentKnowledgeBaseIndexRules } from "./agent-knowledge-base-index";
import { conversationSmokeTestModel, conversationSmokeTestRules } from "./conversation-smoke-test";
import { knowledgeBaseDocumentModel, knowledgeBaseDocumentRules } from "./knowledge-base-document";
import { liveAgentModel, liveAgentRules } from "./live/agent";
import { liveKnowledgeBaseDocumentModel, liveKnowledgeBaseDocumentRules } from "./live/knowledge-base-document";
import { livePhoneNumberModel, livePhoneNumberRules } from "./live/phone-number";
import { liveToolModel, liveToolRules } from "./live/tool";
import { liveWidgetModel, liveWidgetRules } from "./live/widget";
import { liveWorkspaceSecretModel, liveWorkspaceSecretRules } from "./live/workspace-secret";
import { liveWorkspaceSettingsModel, liveWorkspaceSettingsRules } from "./live/workspace-settings";
import { phoneNumberModel, phoneNumberRules } from "./phone-number";
import { BOOKKEEPING_KEYS, type ModelRules, type ResourceKind } from "./spec";
import { toolModel, toolRules } from "./tool";
import { widgetModel, widgetRules } from "./widget";
import { workspaceSecretModel, workspaceSecretRules } from "./workspace-secret";
import { workspaceSettingsModel, workspaceSettingsRules } from "./workspace-settings";

export interface KindModel {
  model: z.ZodObject;
  rules: ModelRules;
}

export const MODELS: Record<ResourceKind, KindModel> = {
  Agent: { model: agentModel, rules: agentRules },
  Tool: { model: toolModel, rules: toolRules },
  KnowledgeBaseDocument: { model: knowledgeBaseDocumentModel, rules: knowledgeBaseDocumentRules },
  AgentKnowledgeBaseIndex: { model: agentKnowledgeBaseIndexModel, rules: agentKnowledgeBaseIndexRules },
  PhoneNumber: { model: phoneNumberModel, rules: phoneNumberRules },
  Widget: { model: widgetModel, rules: widgetRules },
  WorkspaceSecret: { model: workspaceSecretModel, rules: workspaceSecretRules },
  WorkspaceSettings: { model: workspaceSettingsModel, rules: workspaceSettingsRules },
  ConversationSmokeTest: { model: conversationSmokeTestModel, rules: conversationSmokeTestRules },
};

/**
 * The live API's shapes (`shared/api/live-vs-seed.md`). A kind missing here does not exist in
 * the live profile: `check` says so.
 */
export const LIVE_MODELS: Partial<Record<ResourceKind, KindModel>> = {
  Agent: { model: liveAgentModel, rules: liveAgentRules },
  Tool: { model: liveToolModel, rules: liveToolRules },
  KnowledgeBaseDocument: { model: liveKnowledgeBaseDocumentModel, rules: liveKnowledgeBaseDocumentRules },
  PhoneNumber: { model: livePhoneNumberModel, rules: livePhoneNumberRules },
  Widget: { model: liveWidgetModel, rules: liveWidgetRules },
  WorkspaceSecret: { model: liveWorkspaceSecretModel, rules: liveWorkspaceSecretRules },
  WorkspaceSettings: { model: liveWorkspaceSettingsModel, rules: liveWorkspaceSettingsRules },
  // The script is the same in both profiles: only the conversation it holds speaks the profile.
  ConversationSmokeTest: { model: conversationSmokeTestModel, rules: conversationSmokeTestRules },
};

/** Each API profile's models: `seed` is {@link MODELS}, the contract's. */
export const MODELS_BY_PROFILE: Record<ProfileName, Partial<Record<ResourceKind, KindModel>>> = {
  seed: MODELS,
  live: LIVE_MODELS,
};

/** A kind's model in every profile that has it. */
export function modelsOf(kind: ResourceKind): KindModel[] {
  return Object.values(MODELS_BY_PROFILE).flatMap((models) => (models[kind] ? [models[kind]] : []));
}

/**
 * What the SDK, which cannot know the stack's profile, must treat as secret: the union over the
 * profiles (a name is secret if it is secret in either).
 */
export function secretRulesOf(kind: ResourceKind): { secretOutputs: string[]; secretPaths: string[] } {
  const all = modelsOf(kind);
  return {
    secretOutputs: [...new Set(all.flatMap((m) => m.rules.secretOutputs))],
    secretPaths: [...new Set(all.flatMap((m) => m.rules.secretPaths ?? []))],
  };
}

/**
 * The outputs a kind's resources carry: every input the model names (state keeps them) and every
 * server-set field, bookkeeping left out. The SDK must declare each one or it is missing on the
 * resource object.
 */
export function outputNames(kind: ResourceKind): string[] {
  const names = modelsOf(kind).flatMap(({ model, rules }) => [
    ...Object.keys(shapeOf(model)).filter((key) => !(BOOKKEEPING_KEYS as readonly string[]).includes(key)),
    ...rules.serverSet,
  ]);
  return [...new Set(names)];
}

/** The object shape of a model, through a refinement. */
function shapeOf(model: z.ZodType): Record<string, unknown> {
  return (model as z.ZodObject).shape ?? {};
}
