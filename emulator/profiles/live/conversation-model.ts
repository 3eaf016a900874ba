import { z } from "zod";
import type { App } from "../../app";
import type { ConversationRecord, TranscriptEntry } from "../../models/conversation";
import { unixSecs } from "./common";

/** `POST /v1/convai/conversations/{id}/feedback` (PYT `user_feedback_score.py`). */
export const liveFeedbackBody = z.looseObject({ feedback: z.enum(["like", "dislike"]) });

const e164 = z.string().regex(/^\+\d{6,15}$/, "must be an E.164 number such as +14155551234");

/** `POST /v1/convai/{twilio,sip-trunk}/outbound-call`: the "from" number is one of ours, by id. */
export const liveOutboundCallBody = z.looseObject({
  agent_id: z.string().min(1),
  agent_phone_number_id: z.string().min(1),
  to_number: e164,
  conversation_initiation_client_data: z.looseObject({}).optional(),
});

/** Seconds from the conversation's start to a transcript line (socket lines carry it already). */
const secondsIn = (c: ConversationRecord, t: TranscriptEntry) =>
  t.time_in_call_secs ?? Math.max(0, Math.round((Date.parse(t.timestamp) - Date.parse(c.created_at)) / 1000));

/**
 * GET's shape (PYT `get_conversation_response_model.py`): unix start time, `time_in_call_secs`
 * per line; the seed's `tool` lines are folded away (live records tool calls on agent turns).
 */
export function renderLiveConversation(app: App, c: ConversationRecord) {
  const { created_at, updated_at: _u, ended_at: _e, duration_seconds, metadata, feedback, ...all } = c;
  // A like or dislike (`POST …/feedback`) shows as `metadata.feedback` (PYT `conversation_history_feedback_common_model.py`).
  const { feedback_score: score, ...rest } = all as typeof all & { feedback_score?: "like" | "dislike" };
  const liked =
    score === undefined
      ? {}
      : { overall_score: score, likes: score === "like" ? 1 : 0, dislikes: score === "dislike" ? 1 : 0 };
  const { close_code, close_reason, language, ...meta } = metadata as Record<string, unknown>;
  return {
    ...rest,
    agent_name: app.store.get("agents", c.agent_id)?.name ?? null,
    user_id: (meta.user_id as string | undefined) ?? null,
    metadata: {
      ...meta,
      start_time_unix_secs: unixSecs(created_at),
      call_duration_secs: duration_seconds,
      main_language: language ?? "en",
      termination_reason: close_reason ?? "",
      ...(close_code === undefined ? {} : { close_code }),
      ...(feedback || score ? { feedback: { ...feedback, ...liked } } : {}),
    },
    transcript: c.transcript
      .filter((t) => t.role !== "tool")
      .map(({ timestamp: _t, ...t }) => ({ ...t, time_in_call_secs: secondsIn(c, { ...t, timestamp: _t }) })),
  };
}

/** A list item (PYT `conversation_summary_response_model.py`). */
export function liveConversationSummary(app: App, c: ConversationRecord) {
  const analysis = c.analysis as { call_successful?: string } | null;
  return {
    agent_id: c.agent_id,
    agent_name: app.store.get("agents", c.agent_id)?.name ?? null,
    conversation_id: c.conversation_id,
    start_time_unix_secs: unixSecs(c.created_at),
    call_duration_secs: c.duration_seconds,
    message_count: c.transcript.filter((t) => t.role !== "tool").length,
    status: c.status,
    call_successful: analysis?.call_successful ?? "unknown",
  };
}
