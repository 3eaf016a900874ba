import type { dynamic } from "@pulumi/pulumi";
import type { ResourceKind } from "../models/spec";
import { agentHandler } from "./agent";
import { agentKnowledgeBaseIndexHandler } from "./agent-knowledge-base-index";
import { conversationSmokeTestHandler } from "./conversation-smoke-test";
import { knowledgeBaseDocumentHandler } from "./knowledge-base-document";
import { phoneNumberHandler } from "./phone-number";
import { toolHandler } from "./tool";
import { widgetHandler } from "./widget";
import { workspaceSecretHandler } from "./workspace-secret";
import { workspaceSettingsHandler } from "./workspace-settings";

/** Every kind has a handler: a missing one fails to compile. */
export const handlers: Record<ResourceKind, dynamic.ResourceProvider> = {
  Agent: agentHandler,
  Tool: toolHandler,
  KnowledgeBaseDocument: knowledgeBaseDocumentHandler,
  AgentKnowledgeBaseIndex: agentKnowledgeBaseIndexHandler,
  PhoneNumber: phoneNumberHandler,
  Widget: widgetHandler,
  WorkspaceSecret: workspaceSecretHandler,
  WorkspaceSettings: workspaceSettingsHandler,
  ConversationSmokeTest: conversationSmokeTestHandler,
};
