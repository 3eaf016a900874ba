/**
 * The conversation endpoints that are not resources. Like the resources they take and return
 * camelCase; `functionsCodec` is the one place that maps them to the wire.
 */
import type { ElevenLabsClient } from "../client/client";
import { functionsCodec } from "../codec/index";
import type { JsonObject } from "../diff/json";
import { ElevenLabsError, ErrorCode } from "../errors";

/** Conversation statuses of the contract. */
export type ConversationStatus = "initiated" | "in-progress" | "processing" | "done" | "failed";

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

export interface ListConversationsFilters {
  agentId?: string;
  status?: ConversationStatus;
  /** ISO 8601 date or date-time. */
  startDate?: string;
  /** ISO 8601 date or date-time. */
  endDate?: string;
  /** Items per request. @default 100 */
  pageSize?: number;
}

export interface ConversationFeedback {
  /** 1 to 5. */
  rating: number;
  feedbackText?: string;
  categories?: string[];
}

export interface OutboundCallRequest {
  agentId: string;
  /** E.164, e.g. "+14155551234". */
  toNumber: string;
  fromNumber?: string;
  initialMessage?: string;
  /** Kept verbatim. */
  metadata?: Record<string, unknown>;
}

const encode = (value: object) => functionsCodec.encode(value as JsonObject);
const decode = <T>(value: unknown) => functionsCodec.decode(value as JsonObject) as T;

function query(filters: ListConversationsFilters) {
  const { pageSize, ...rest } = filters;
  return { pageSize, query: encode(rest) as Record<string, string | undefined> };
}

/** Every conversation matching the filters, fetched page by page as the caller iterates. */
export async function* iterateConversations(
  client: ElevenLabsClient,
  filters: ListConversationsFilters = {},
): AsyncIterable<Conversation> {
  for await (const item of client.paginate<JsonObject>("conversations.list", query(filters)))
    yield decode<Conversation>(item);
}

/** Every conversation matching the filters, as one array. */
export async function listConversations(
  client: ElevenLabsClient,
  filters: ListConversationsFilters = {},
): Promise<Conversation[]> {
  const items = await client.listAll<JsonObject>("conversations.list", query(filters));
  return items.map((item) => decode<Conversation>(item));
}

export async function getConversation(client: ElevenLabsClient, conversationId: string): Promise<Conversation> {
  const answer = await client.request("conversations.get", { path: { conversation_id: conversationId } });
  return decode<Conversation>(answer);
}

/** Rating is checked here so a typo costs no API call. Feedback is a POST: not retried on 5xx. */
export async function sendConversationFeedback(
  client: ElevenLabsClient,
  conversationId: string,
  feedback: ConversationFeedback,
): Promise<Record<string, unknown>> {
  if (!Number.isInteger(feedback.rating) || feedback.rating < 1 || feedback.rating > 5) {
    throw new ElevenLabsError(
      `[rating] must be an integer from 1 to 5, got ${String(feedback.rating)}`,
      ErrorCode.InvalidArgument,
    );
  }
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
  if (!/^\+\d{6,15}$/.test(call.toNumber)) {
    throw new ElevenLabsError(
      `[toNumber] must be an E.164 number such as "+14155551234", got ${JSON.stringify(call.toNumber)}`,
      ErrorCode.InvalidArgument,
    );
  }
  return decode(await client.request("conversations.outboundCall", { body: encode(call) }));
}
