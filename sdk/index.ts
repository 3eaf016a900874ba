/** `pulumi-elevenlabs`: the resources and functions a Pulumi program uses. */
export { Agent, type AgentArgs } from "./agent";
export { Tool, type ToolArgs } from "./tool";
export { KnowledgeBaseDocument, type KnowledgeBaseDocumentArgs } from "./knowledge-base-document";
export { AgentKnowledgeBaseIndex, type AgentKnowledgeBaseIndexArgs } from "./agent-knowledge-base-index";
export { PhoneNumber, type PhoneNumberArgs } from "./phone-number";
export { Widget, type WidgetArgs } from "./widget";
export { WorkspaceSecret, type WorkspaceSecretArgs } from "./workspace-secret";
export { WorkspaceSettings, type WorkspaceSettingsArgs } from "./workspace-settings";
export type { DeepInput } from "./resource";
export * from "./functions";
