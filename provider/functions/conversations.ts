/**
 * The conversation endpoints that are not resources. Like the resources they take and return
 * camelCase; `functionsCodec` is the one place that maps them to the wire.
 */
import type { z } from "zod";
import type { ElevenLabsClient } from "../client/client";
import { functionsCodec } from "../codec/index";
import type { JsonObject } from "../diff/json";
import {
  checkArguments,
  type conversationStatus,
  feedback as feedbackModel,
  listFilters,
  objectId,
  outboundCall,
} from "./arguments";

/** Conversation statuses of the contract. */
export type ConversationStatus = z.infer<typeof conversationStatus>;

/** A conversation as the API returns it, in camelCase; unknown fields are kept. */
export interface Conversation {
  conversationId: string;
  agentId: string;
  status: ConversationStatus | (string & {});
  createdAt?: string;
  endedAt?: string | null;
  durationSeconds?: number;
  transcript?: { role: string; message: string; timestamp?: string; [key: string]: unknown }[];
  /** Kept verbatim (keys are not case-converted). */
  metadata?: Record<string, unknown>;
  analysis?: Record<string, unknown>;
  [key: string]: unknown;
}

export type ListConversationsFilters = z.infer<typeof listFilters>;
export type ConversationFeedback = z.infer<typeof feedbackModel>;
export type OutboundCallRequest = z.infer<typeof outboundCall>;

const encode = (value: object) => functionsCodec.encode(value as JsonObject);
const decode = <T>(value: unknown) => functionsCodec.decode(value as JsonObject) as T;

function query(fn: string, filters: ListConversationsFilters | undefined) {
  checkArguments(fn, { filters: listFilters.optional() }, { filters });
  const { pageSize, ...rest } = filters ?? {};
  return { pageSize, query: encode(rest) as Record<string, string | undefined> };
}

/** Every conversation matching the filters, fetched page by page as the caller iterates. */
export async function* iterateConversations(
  client: ElevenLabsClient,
  filters: ListConversationsFilters = {},
): AsyncIterable<Conversation> {
  for await (const item of client.paginate<JsonObject>("conversations.list", query("iterateConversations", filters)))
    yield decode<Conversation>(item);
}

/** Every conversation matching the filters, as one array. */
export async function listConversations(
  client: ElevenLabsClient,
  filters: ListConversationsFilters = {},
): Promise<Conversation[]> {
  const items = await client.listAll<JsonObject>("conversations.list", query("listConversations", filters));
  return items.map((item) => decode<Conversation>(item));
}

export async function getConversation(client: ElevenLabsClient, conversationId: string): Promise<Conversation> {
  checkArguments("getConversation", { conversationId: objectId }, { conversationId });
  const answer = await client.request("conversations.get", { path: { conversation_id: conversationId } });
  return decode<Conversation>(answer);
}

/** Arguments are checked first, so a typo costs no API call. Feedback is a POST: not retried on 5xx. */
export async function sendConversationFeedback(
  client: ElevenLabsClient,
  conversationId: string,
  feedback: ConversationFeedback,
): Promise<Record<string, unknown>> {
  checkArguments(
    "sendConversationFeedback",
    { conversationId: objectId, feedback: feedbackModel },
    { conversationId, feedback },
  );
  const answer = await client.request("conversations.feedback", {
    path: { conversation_id: conversationId },
    body: encode(feedback),
  });
  return decode(answer);
}

/**
 * Starts a phone call. Never retried after the request may have reached the server (only on
 * 429 or a refused connection): a retry could ring someone twice.
 */
export async function startOutboundCall(
  client: ElevenLabsClient,
  call: OutboundCallRequest,
): Promise<Record<string, unknown>> {
  checkArguments("startOutboundCall", { call: outboundCall }, { call });
  return decode(await client.request("conversations.outboundCall", { body: encode(call) }));
}
