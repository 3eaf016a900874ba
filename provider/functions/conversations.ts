import type { ElevenLabsClient } from "../client/client";
import { ElevenLabsError } from "../errors";

/** Conversation statuses of the contract. */
export type ConversationStatus = "initiated" | "in-progress" | "processing" | "done" | "failed";

/** A conversation as the API returns it (snake_case, as on the wire); unknown fields are kept. */
export interface Conversation {
  conversation_id: string;
  agent_id: string;
  status: ConversationStatus | (string & {});
  created_at?: string;
  ended_at?: string | null;
  duration_seconds?: number;
  transcript?: { role: string; message: string; timestamp?: string; [key: string]: unknown }[];
  metadata?: Record<string, unknown>;
  analysis?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ListConversationsFilters {
  agent_id?: string;
  status?: ConversationStatus;
  /** ISO 8601 date or date-time. */
  start_date?: string;
  /** ISO 8601 date or date-time. */
  end_date?: string;
  /** Items per request. @default 100 */
  pageSize?: number;
}

export interface ConversationFeedback {
  /** 1 to 5. */
  rating: number;
  feedback_text?: string;
  categories?: string[];
}

export interface OutboundCallRequest {
  agent_id: string;
  /** E.164, e.g. "+14155551234". */
  to_number: string;
  from_number?: string;
  initial_message?: string;
  metadata?: Record<string, unknown>;
}

/** Every conversation matching the filters, fetched page by page as the caller iterates. */
export function iterateConversations(
  client: ElevenLabsClient,
  filters: ListConversationsFilters = {},
): AsyncIterable<Conversation> {
  const { pageSize, ...query } = filters;
  return client.paginate<Conversation>("conversations.list", { query, pageSize });
}

/** Every conversation matching the filters, as one array. */
export function listConversations(
  client: ElevenLabsClient,
  filters: ListConversationsFilters = {},
): Promise<Conversation[]> {
  const { pageSize, ...query } = filters;
  return client.listAll<Conversation>("conversations.list", { query, pageSize });
}

export function getConversation(client: ElevenLabsClient, conversationId: string): Promise<Conversation> {
  return client.request<Conversation>("conversations.get", { path: { conversation_id: conversationId } });
}

/** Rating is checked here so a typo costs no API call. Feedback is a POST: not retried on 5xx. */
export function sendConversationFeedback(
  client: ElevenLabsClient,
  conversationId: string,
  feedback: ConversationFeedback,
): Promise<Record<string, unknown>> {
  if (!Number.isInteger(feedback.rating) || feedback.rating < 1 || feedback.rating > 5) {
    return Promise.reject(
      new ElevenLabsError(
        `[rating] must be an integer from 1 to 5, got ${String(feedback.rating)}`,
        "INVALID_ARGUMENT",
      ),
    );
  }
  return client.request("conversations.feedback", { path: { conversation_id: conversationId }, body: feedback });
}

/**
 * Starts a phone call. Never retried after the request may have reached the server (only on
 * 429 or a refused connection): a retry could ring someone twice.
 */
export function startOutboundCall(
  client: ElevenLabsClient,
  call: OutboundCallRequest,
): Promise<Record<string, unknown>> {
  if (!/^\+\d{6,15}$/.test(call.to_number)) {
    return Promise.reject(
      new ElevenLabsError(
        `[to_number] must be an E.164 number such as "+14155551234", got ${JSON.stringify(call.to_number)}`,
        "INVALID_ARGUMENT",
      ),
    );
  }
  return client.request("conversations.outboundCall", { body: call });
}
