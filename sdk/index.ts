/** `pulumi-elevenlabs`: the resources and functions a Pulumi program uses. */
// First: on an unsupported Node this throws one line before a dependency crashes obscurely.
import "../provider/node-version";

export { Agent, type AgentArgs } from "./agent";
export { AgentKnowledgeBaseIndex, type AgentKnowledgeBaseIndexArgs } from "./agent-knowledge-base-index";
export { ConversationSmokeTest, type ConversationSmokeTestArgs } from "./conversation-smoke-test";
export * from "./functions";
export { KnowledgeBaseDocument, type KnowledgeBaseDocumentArgs } from "./knowledge-base-document";
export { PhoneNumber, type PhoneNumberArgs } from "./phone-number";
export type { DeepInput } from "./resource";
export { Tool, type ToolArgs } from "./tool";
export { Widget, type WidgetArgs } from "./widget";
export {
  ConvaiWorkspace,
  type ConvaiWorkspaceArgs,
  type Definition,
  FILE_KIND_NAMES,
  type FileKind,
  formatProblem,
  type LoadOptions,
  loadDefinitions,
  type Problem,
  WorkspaceDefinitionError,
  type WorkspaceIds,
} from "./workspace/index";
export { WorkspaceSecret, type WorkspaceSecretArgs } from "./workspace-secret";
export { WorkspaceSettings, type WorkspaceSettingsArgs } from "./workspace-settings";
