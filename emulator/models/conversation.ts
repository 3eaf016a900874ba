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
