/**
 * The ConvAI endpoints that are not resources, callable from a Pulumi program or a plain
 * script. Thin wrappers: the work is in `provider/functions`.
 * @example
 * const conversations = await listConversations({ agentId: agent.id, status: "done" });
 */
import * as pulumi from "@pulumi/pulumi";
import { type ElevenLabsClient, getClient } from "../provider/client/client";
import { resolveProviderConfig } from "../provider/config";
import * as fns from "../provider/functions";

export type {
  Conversation,
  ConversationFeedback,
  ConversationStatus,
  ListConversationsFilters,
  OutboundCallRequest,
  SignedUrl,
} from "../provider/functions";
export { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from "../provider/webhook-signature";

/** Where to call; each field falls back to Pulumi config `elevenlabs:*`, then ELEVENLABS_API_KEY / _BASE_URL / _API_PROFILE. */
export interface ConnectionOptions {
  apiKey?: string;
  /** @default "https://api.elevenlabs.io/v1/convai" */
  baseUrl?: string;
  /**
   * Which API the base URL speaks: the arguments and answers take its shapes (README, functions).
   * @default "live" for the vendor's hosts, "seed" elsewhere (or ELEVENLABS_API_PROFILE)
   */
  apiProfile?: "seed" | "live";
}

type OptionName = "apiKey" | "baseUrl" | "apiProfile";
const OPTION_NAMES: readonly OptionName[] = ["apiKey", "baseUrl", "apiProfile"];

/** Pulumi config when running inside a Pulumi program; outside one there is none (the env is used). */
function pulumiConfigValue(name: OptionName): string | undefined {
  try {
    return new pulumi.Config("elevenlabs").get(name);
  } catch {
    return undefined;
  }
}

function clientFor(options: ConnectionOptions = {}): ElevenLabsClient {
  return getClient(
    resolveProviderConfig({
      get: (key) => {
        const name = OPTION_NAMES.find((n) => key === `elevenlabs:${n}`);
        return name && (options[name] ?? pulumiConfigValue(name));
      },
    }),
  );
}

export async function getConversation(conversationId: string, options?: ConnectionOptions): Promise<fns.Conversation> {
  return fns.getConversation(clientFor(options), conversationId);
}

/** All matching conversations, every page fetched. */
export async function listConversations(
  filters?: fns.ListConversationsFilters,
  options?: ConnectionOptions,
): Promise<fns.Conversation[]> {
  return fns.listConversations(clientFor(options), filters);
}

/** The same, page by page as you iterate (for large histories). */
export async function* iterateConversations(
  filters?: fns.ListConversationsFilters,
  options?: ConnectionOptions,
): AsyncIterable<fns.Conversation> {
  yield* fns.iterateConversations(clientFor(options), filters);
}

export async function sendConversationFeedback(
  conversationId: string,
  feedback: fns.ConversationFeedback,
  options?: ConnectionOptions,
): Promise<Record<string, unknown>> {
  return fns.sendConversationFeedback(clientFor(options), conversationId, feedback);
}

export async function startOutboundCall(
  call: fns.OutboundCallRequest,
  options?: ConnectionOptions,
): Promise<Record<string, unknown>> {
  return fns.startOutboundCall(clientFor(options), call);
}

export async function getSignedUrl(agentId: string, options?: ConnectionOptions): Promise<fns.SignedUrl> {
  return fns.getSignedUrl(clientFor(options), agentId);
}
