/**
 * Every resource kind's zod model and rules, by kind: the one table the SDK (output names, secret
 * outputs) and the handlers' specs are read from. Pure data: no client, no I/O.
 */
import type { z } from "zod";
import { agentModel, agentRules } from "./agent";
import { agentKnowledgeBaseIndexModel, agentKnowledgeBaseIndexRules } from "./agent-knowledge-base-index";
import { conversationSmokeTestModel, conversationSmokeTestRules } from "./conversation-smoke-test";
import { knowledgeBaseDocumentModel, knowledgeBaseDocumentRules } from "./knowledge-base-document";
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
 * The outputs a kind's resources carry: every input the model names (state keeps them) and every
 * server-set field, bookkeeping left out. The SDK must declare each one or it is missing on the
 * resource object.
 */
export function outputNames(kind: ResourceKind): string[] {
  const { model, rules } = MODELS[kind];
  const inputs = Object.keys(model.shape).filter((key) => !(BOOKKEEPING_KEYS as readonly string[]).includes(key));
  return [...new Set([...inputs, ...rules.serverSet])];
}
