/**
 * The conversation endpoints that are not resources. Like the resources they take and return
 * camelCase, in the shapes of the client's API profile: the argument models, codec and routes
 * are the profile's (provider/functions/profiles.ts, the route tables), so the code here is one.
 */
import type { z } from "zod";
import type { ElevenLabsClient } from "../client/client";
import type { JsonObject } from "../diff/json";
import type {
  conversationStatus,
  feedback as feedbackModel,
  listFilters,
  liveFeedback,
  liveListFilters,
  liveOutboundCall,
  outboundCall,
} from "./arguments";
import { objectId } from "./arguments";
import { checkProfileArguments, functionProfileOf } from "./profiles";

/** Conversation statuses (both profiles). */
export type ConversationStatus = z.infer<typeof conversationStatus>;

/**
 * A conversation as the API returns it, in camelCase; unknown fields are kept. The contract's
 * has `createdAt`/`endedAt`/`durationSeconds` and the caller's `metadata`; the live service's has
 * `metadata.startTimeUnixSecs`, `metadata.callDurationSecs`… and `timeInCallSecs` per line.
 */
export interface Conversation {
  conversationId: string;
  agentId: string;
  status: ConversationStatus | (string & {});
  createdAt?: string;
  endedAt?: string | null;
  durationSeconds?: number;
  /** Live list items. */
  startTimeUnixSecs?: number;
  transcript?: {
    role: string;
    message: string | null;
    timestamp?: string;
    timeInCallSecs?: number;
    [key: string]: unknown;
  }[];
  /** Contract: kept verbatim (keys are not case-converted). Live: the API's call metadata. */
  metadata?: Record<string, unknown>;
  analysis?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The contract's filters (`startDate`…) or the live service's (`callStartAfterUnix`…), per the client's profile. */
export type ListConversationsFilters = z.infer<typeof listFilters> | z.infer<typeof liveListFilters>;
/** The contract's `{rating, feedbackText, categories}` or the live service's `{feedback: "like" | "dislike"}`. */
export type ConversationFeedback = z.infer<typeof feedbackModel> | z.infer<typeof liveFeedback>;
/** The contract's `{agentId, toNumber, fromNumber…}` or the live service's `{agentId, agentPhoneNumberId, toNumber…}`. */
export type OutboundCallRequest = z.infer<typeof outboundCall> | z.infer<typeof liveOutboundCall>;

const decode = <T>(client: ElevenLabsClient, value: unknown) =>
  functionProfileOf(client).codec.decode(value as JsonObject) as T;

function query(fn: string, client: ElevenLabsClient, filters: ListConversationsFilters | undefined) {
  checkProfileArguments(fn, client, (p) => ({ filters: p.listFilters.optional() }), { filters });
  const { pageSize, ...rest } = (filters ?? {}) as JsonObject & { pageSize?: number };
  return { pageSize, query: functionProfileOf(client).codec.encode(rest) as Record<string, string | undefined> };
}

/** Every conversation matching the filters, fetched page by page as the caller iterates. */
export async function* iterateConversations(
  client: ElevenLabsClient,
  filters: ListConversationsFilters = {},
): AsyncIterable<Conversation> {
  const args = query("iterateConversations", client, filters);
  for await (const item of client.paginate<JsonObject>("conversations.list", args))
    yield decode<Conversation>(client, item);
}

/** Every conversation matching the filters, as one array. */
export async function listConversations(
  client: ElevenLabsClient,
  filters: ListConversationsFilters = {},
): Promise<Conversation[]> {
  const items = await client.listAll<JsonObject>("conversations.list", query("listConversations", client, filters));
  return items.map((item) => decode<Conversation>(client, item));
}

export async function getConversation(client: ElevenLabsClient, conversationId: string): Promise<Conversation> {
  checkProfileArguments("getConversation", client, () => ({ conversationId: objectId }), { conversationId });
  const answer = await client.request("conversations.get", { path: { conversation_id: conversationId } });
  return decode<Conversation>(client, answer);
}

/** Arguments are checked first, so a typo costs no API call. Feedback is a POST: not retried on 5xx. */
export async function sendConversationFeedback(
  client: ElevenLabsClient,
  conversationId: string,
  feedback: ConversationFeedback,
): Promise<Record<string, unknown>> {
  checkProfileArguments(
    "sendConversationFeedback",
    client,
    (p) => ({ conversationId: objectId, feedback: p.feedback }),
    { conversationId, feedback },
  );
  const answer = await client.request("conversations.feedback", {
    path: { conversation_id: conversationId },
    body: functionProfileOf(client).codec.encode(feedback as JsonObject),
  });
  return decode(client, answer ?? {});
}

/**
 * Starts a phone call. Never retried after the request may have reached the server (only on
 * 429 or a refused connection): a retry could ring someone twice. Live: the call is made from
 * an imported number (`agentPhoneNumberId`), through its provider's route.
 */
export async function startOutboundCall(
  client: ElevenLabsClient,
  call: OutboundCallRequest,
): Promise<Record<string, unknown>> {
  checkProfileArguments("startOutboundCall", client, (p) => ({ call: p.outboundCall }), { call });
  const profile = functionProfileOf(client);
  const path = await profile.outboundCallPath(client, call as JsonObject);
  return decode(
    client,
    await client.request("conversations.outboundCall", { path, body: profile.codec.encode(call as JsonObject) }),
  );
}
