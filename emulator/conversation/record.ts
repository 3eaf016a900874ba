import type { App } from "../app";
import { nowIso } from "../ids";
import { type ConversationRecord, newConversation, type TranscriptEntry } from "../models/conversation";

/**
 * The REST record of a socket conversation: `initiated` when the socket opens, `in-progress` once
 * the conversation starts (fires `conversation.started`), `processing` when the socket closes,
 * then `done` or `failed` with its analysis (fires `conversation.ended`).
 */
export class ConversationLog {
  private readonly startedAt = Date.now();

  constructor(
    private readonly app: App,
    readonly conversationId: string,
    readonly agentId: string,
    metadata: Record<string, unknown>,
  ) {
    const record = newConversation(
      conversationId,
      agentId,
      { ...metadata, call_sid: null, source: "websocket" },
      nowIso(),
    );
    app.store.put("conversations", conversationId, record);
  }

  /** Seconds since the socket opened, to 0.1 s. */
  secondsInCall(): number {
    return Math.round((Date.now() - this.startedAt) / 100) / 10;
  }

  started(extra: Partial<ConversationRecord>): void {
    this.update((c) => ({ ...c, ...extra, status: "in-progress" }));
    this.app.emit(
      "conversation.started",
      { conversation_id: this.conversationId, agent_id: this.agentId },
      this.agentId,
    );
  }

  /** Appends a turn; returns its index for later changes (an interruption cuts it). */
  add(entry: Omit<TranscriptEntry, "timestamp" | "time_in_call_secs">): number {
    let index = -1;
    this.update((c) => {
      index = c.transcript.length;
      const turn = { ...entry, time_in_call_secs: this.secondsInCall(), timestamp: nowIso() } as TranscriptEntry;
      return { ...c, transcript: [...c.transcript, turn] };
    });
    return index;
  }

  change(index: number, patch: Partial<TranscriptEntry>): void {
    this.update((c) => ({ ...c, transcript: c.transcript.map((t, i) => (i === index ? { ...t, ...patch } : t)) }));
  }

  flags(flags: Partial<Pick<ConversationRecord, "has_user_audio" | "has_response_audio">>): void {
    this.update((c) => {
      const next = { ...c, ...flags };
      return { ...next, has_audio: next.has_user_audio || next.has_response_audio };
    });
  }

  /** The socket closed: `processing` now, `done` or `failed` one `conversationStepMs` later. */
  ended(outcome: { failed: boolean; closeCode: number; reason: string }): void {
    const duration = Math.max(0, Math.round((Date.now() - this.startedAt) / 1000));
    this.update((c) => ({
      ...c,
      status: "processing",
      ended_at: nowIso(),
      duration_seconds: duration,
      metadata: { ...c.metadata, close_code: outcome.closeCode, close_reason: outcome.reason },
    }));
    this.app.scheduler.after(this.app.options.conversationStepMs, () => {
      const status = outcome.failed ? "failed" : "done";
      this.update((c) => ({ ...c, status, analysis: analyse(c, outcome.failed) }));
      this.app.emit(
        "conversation.ended",
        { conversation_id: this.conversationId, agent_id: this.agentId, duration_seconds: duration, status },
        this.agentId,
      );
    });
  }

  private update(change: (c: ConversationRecord) => ConversationRecord): void {
    const current = this.app.store.get("conversations", this.conversationId);
    if (current) this.app.store.put("conversations", this.conversationId, { ...change(current), updated_at: nowIso() });
  }
}

/**
 * A deterministic analysis: the call is successful when it did not fail and the agent answered
 * at least one user turn from its knowledge base or a tool (or ended the call on request).
 */
function analyse(c: ConversationRecord, failed: boolean): Record<string, unknown> {
  const users = c.transcript.filter((t) => t.role === "user");
  const agents = c.transcript.filter((t) => t.role === "agent");
  const grounded = agents.filter((t) => t.rag_retrieval_info || t.tool_results || t.end_call);
  const tools = [...new Set(agents.flatMap((t) => (t.tool_calls ?? []).map((call) => call.tool_name)))];
  const successful = !failed && grounded.length > 0;
  const summary =
    `The user spoke ${users.length} time${users.length === 1 ? "" : "s"}; the agent answered ` +
    `${agents.filter((t) => t.rag_retrieval_info).length} from its knowledge base` +
    (tools.length ? ` and called ${tools.join(", ")}` : "") +
    (agents.some((t) => t.interrupted) ? "; the user interrupted the agent" : "") +
    ".";
  return {
    call_successful: successful ? "success" : "failure",
    transcript_summary: summary,
    sentiment: "neutral",
    topics: tools,
    resolution_status: successful ? "resolved" : "unresolved",
  };
}
