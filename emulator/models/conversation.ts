import { z } from "zod";
import { metadata, nonEmpty } from "./common";

export const CONVERSATION_STATUSES = ["initiated", "in-progress", "processing", "done", "failed"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

const e164 = z.string().regex(/^\+\d{6,15}$/, "must be an E.164 number such as +14155551234");

export const outboundCallBody = z.looseObject({
  agent_id: nonEmpty,
  to_number: e164,
  from_number: e164.optional(),
  initial_message: z.string().optional(),
  metadata: metadata.optional(),
});

export const feedbackBody = z.looseObject({
  rating: z.number().int().min(1).max(5),
  feedback_text: z.string().optional(),
  categories: z.array(z.string()).optional(),
});

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), "must be an ISO 8601 date");

const transcriptEntry = z.looseObject({
  role: z.enum(["user", "agent", "tool"]),
  message: z.string(),
  timestamp: isoDate.optional(),
});

/** `POST /_emulator/conversations`: everything but `agent_id` has a default. */
export const seedConversationBody = z.looseObject({
  agent_id: nonEmpty,
  status: z.enum(CONVERSATION_STATUSES).optional(),
  created_at: isoDate.optional(),
  duration_seconds: z.number().int().min(0).optional(),
  transcript: z.array(transcriptEntry).optional(),
  metadata: metadata.optional(),
});

export const conversationListFilters = z.object({
  agent_id: z.string().optional(),
  status: z.enum(CONVERSATION_STATUSES).optional(),
  start_date: isoDate.optional(),
  end_date: isoDate.optional(),
});

export interface TranscriptEntry {
  role: "user" | "agent" | "tool";
  message: string;
  timestamp: string;
  /** Socket conversations only: seconds from the socket opening to this turn. */
  time_in_call_secs?: number;
  source_medium?: "audio" | "text";
  tool_calls?: Array<{ tool_call_id: string; tool_name: string; type: string; params_as_json: string }>;
  tool_results?: Array<{ tool_call_id: string; tool_name: string; result_value: string; is_error: boolean }>;
  rag_retrieval_info?: {
    chunks: Array<{ document_id: string; chunk_id: string; score: number }>;
    retrieval_query: string;
    embedding_model: string;
  };
  used_static_kb_document_ids?: string[];
  /** An agent turn the user cut off; `message` then holds what was said before the cut. */
  interrupted?: boolean;
  end_call?: boolean;
  confidence?: number;
}

export interface ConversationRecord {
  conversation_id: string;
  agent_id: string;
  status: ConversationStatus;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
  duration_seconds: number;
  transcript: TranscriptEntry[];
  metadata: Record<string, unknown>;
  analysis: Record<string, unknown> | null;
  has_audio: boolean;
  has_user_audio: boolean;
  has_response_audio: boolean;
  feedback?: z.infer<typeof feedbackBody>;
  [extra: string]: unknown;
}

export const conversationSummary = (c: ConversationRecord) => ({
  conversation_id: c.conversation_id,
  agent_id: c.agent_id,
  status: c.status,
  created_at: c.created_at,
  duration_seconds: c.duration_seconds,
});

/** A conversation that has just begun: `initiated`, nothing said yet, no audio. */
export const newConversation = (
  conversationId: string,
  agentId: string,
  metadata: Record<string, unknown>,
  now: string,
): ConversationRecord => ({
  conversation_id: conversationId,
  agent_id: agentId,
  status: "initiated",
  created_at: now,
  updated_at: now,
  ended_at: null,
  duration_seconds: 0,
  transcript: [],
  metadata,
  analysis: null,
  has_audio: false,
  has_user_audio: false,
  has_response_audio: false,
});
