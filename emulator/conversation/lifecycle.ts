import type { App } from "../app";
import { newId, nowIso } from "../ids";
import { type ConversationRecord, newConversation, type TranscriptEntry } from "../models/conversation";

/**
 * Outbound calls are the only conversations the REST side creates: `initiated`, then
 * `in-progress` (fires `conversation.started`), then `done` (fires `conversation.ended`), each
 * step `conversationStepMs` apart, with a small scripted transcript.
 */
export function startOutboundCall(
  app: App,
  input: { agent_id: string; to_number: string; from_number?: string; initial_message?: string; metadata?: object },
): ConversationRecord {
  const conversation = newConversation(
    newId("conv"),
    input.agent_id,
    {
      ...input.metadata,
      session_id: newId("sess"),
      language: app.store.get("agents", input.agent_id)?.conversation_config?.agent?.language ?? "en",
      call_sid: newId("CA", 32),
      to_number: input.to_number,
      from_number: input.from_number ?? null,
      initial_message: input.initial_message ?? null,
    },
    nowIso(),
  );
  app.store.put("conversations", conversation.conversation_id, conversation);
  scheduleStep(app, conversation.conversation_id);
  return conversation;
}

export function resumeConversations(app: App): void {
  for (const c of app.store.list("conversations")) {
    if (c.status === "initiated" || c.status === "in-progress") scheduleStep(app, c.conversation_id);
  }
}

function scheduleStep(app: App, id: string): void {
  app.scheduler.after(app.options.conversationStepMs, () => step(app, id));
}

function step(app: App, id: string): void {
  const c = app.store.get("conversations", id);
  if (!c) return;
  const now = nowIso();
  const say = (role: TranscriptEntry["role"], message: string): TranscriptEntry => ({ role, message, timestamp: now });
  if (c.status === "initiated") {
    const agent = app.store.get("agents", c.agent_id);
    const opening =
      (c.metadata.initial_message as string | null) ||
      agent?.conversation_config?.agent?.first_message ||
      `Hello, this is ${agent?.name ?? "an assistant"} calling.`;
    app.store.put("conversations", id, {
      ...c,
      status: "in-progress",
      updated_at: now,
      transcript: [...c.transcript, say("agent", opening)],
    });
    app.emit("conversation.started", { conversation_id: id, agent_id: c.agent_id }, c.agent_id);
    scheduleStep(app, id);
  } else if (c.status === "in-progress") {
    const duration = Math.max(1, Math.round((Date.now() - Date.parse(c.created_at)) / 1000));
    app.store.put("conversations", id, {
      ...c,
      status: "done",
      updated_at: now,
      ended_at: now,
      duration_seconds: duration,
      transcript: [
        ...c.transcript,
        say("user", "Hi, yes, I have a minute."),
        say("agent", "Thank you, that is all for today. Goodbye!"),
      ],
      analysis: { sentiment: "positive", topics: ["outbound_call"], resolution_status: "resolved" },
      has_audio: true,
      has_user_audio: true,
      has_response_audio: true,
    });
    app.emit(
      "conversation.ended",
      { conversation_id: id, agent_id: c.agent_id, duration_seconds: duration, status: "done" },
      c.agent_id,
    );
  }
}
