/**
 * The provider runtime, `require("pulumi-elevenlabs/provider")`: what the serialized shim in
 * `sdk/shim.ts` calls. Everything with logic or dependencies (zod, undici) lives behind this
 * entry so that `__provider` in state stays a tiny, stable shim.
 */
// First: on an unsupported Node this throws one line before a dependency crashes obscurely.
import "./node-version";
import type { dynamic } from "@pulumi/pulumi";
import type { StackConfig } from "./config";
import { configure as storeConfig } from "./config";
import { handlers } from "./handlers/registry";
import { RESOURCE_KINDS, type ResourceKind } from "./models/spec";

export { handlers };

/** The dynamic provider's `configure(req)` hands us `req.config`; stored synchronously. */
export function configure(config: StackConfig): void {
  storeConfig(config);
}

const METHODS = ["check", "diff", "create", "read", "update", "delete"] as const;

/**
 * Called by the serialized shim's `configure` (sdk/shim.ts): stores the config and attaches the
 * kind's handler methods to the shim object, all synchronously (the host may call another
 * method as soon as `configure` yields).
 */
export function attach(shim: { kind: ResourceKind } & Partial<dynamic.ResourceProvider>, config: StackConfig): void {
  if (!RESOURCE_KINDS.includes(shim.kind))
    throw new TypeError(`pulumi-elevenlabs: unknown resource kind ${JSON.stringify(shim.kind)}`);
  configure(config);
  const handler = handlers[shim.kind] as Required<dynamic.ResourceProvider>;
  for (const method of METHODS) (shim as Record<string, unknown>)[method] = handler[method].bind(handler);
}

export type { AudioFormat } from "./audio/formats";
export type { ClientOptions, RequestArgs } from "./client/client";
export { ElevenLabsClient, getClient } from "./client/client";
export type { ListRouteName, RouteName, RouteSpec, RouteTable } from "./client/routes";
export { CODECS, type Codec, functionsCodec } from "./codec/index";
export { clientFromConfig, resolveProviderConfig } from "./config";
export * from "./conversation/index";
export * from "./errors";
export * as functions from "./functions";
export type { AgentInputs } from "./models/agent";
export type { AgentKnowledgeBaseIndexInputs } from "./models/agent-knowledge-base-index";
export type { ConversationSmokeTestInputs, Script as SmokeTestScript } from "./models/conversation-smoke-test";
export type { KnowledgeBaseDocumentInputs } from "./models/knowledge-base-document";
export type { PhoneNumberInputs } from "./models/phone-number";
export { RESOURCE_KINDS, type ResourceKind, typeToken } from "./models/spec";
export type { ToolInputs } from "./models/tool";
export type { WidgetInputs } from "./models/widget";
export type { WorkspaceSecretInputs } from "./models/workspace-secret";
export type { WorkspaceSettingsInputs } from "./models/workspace-settings";
/** The contract's route table (the seed profile's); a client resolves names through its own profile. */
export { seedRoutes as routes } from "./profiles/seed/routes";
export type { ProfileName, WireProfile } from "./profiles/types";
export { WIRE_PROFILES } from "./profiles/wire";
export { buildJsonSchema, buildSchema } from "./schema";
export * as smoke from "./smoke/index";
export { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from "./webhook-signature";
