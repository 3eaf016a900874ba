import type { App } from "../app";
import { notFound } from "../errors";
import { newId, nowIso } from "../ids";

export interface ToolCall {
  agent_id: string;
  tool_id: string;
  conversation_id?: string;
  parameters?: Record<string, unknown>;
  /** The id the conversation socket already announced; a new one otherwise. */
  tool_call_id?: string;
}

/**
 * An agent calls a tool during a conversation: fires `tool.called` and, when the call belongs
 * to a stored conversation, records it in the transcript. `POST /_emulator/tool-calls` uses
 * this, and so does the conversation socket (`session.ts`).
 */
export function callTool(app: App, call: ToolCall) {
  if (!app.store.get("agents", call.agent_id)) throw notFound("agent", call.agent_id);
  const stored = app.store.get("tools", call.tool_id);
  if (!stored) throw notFound("tool", call.tool_id);
  const tool = app.profile.conversation.tool(stored);
  const event = {
    tool_call_id: call.tool_call_id ?? newId("call"),
    tool_id: tool.tool_id,
    tool_name: tool.name,
    tool_type: tool.type,
    agent_id: call.agent_id,
    conversation_id: call.conversation_id ?? null,
    parameters: call.parameters ?? {},
  };
  const conversation = call.conversation_id ? app.store.get("conversations", call.conversation_id) : undefined;
  if (call.conversation_id && !conversation) throw notFound("conversation", call.conversation_id);
  if (conversation) {
    const entry = {
      role: "tool" as const,
      message: `${tool.name}(${JSON.stringify(event.parameters)})`,
      timestamp: nowIso(),
    };
    app.store.put("conversations", conversation.conversation_id, {
      ...conversation,
      transcript: [...conversation.transcript, entry],
    });
  }
  app.emit("tool.called", event, call.agent_id);
  return event;
}
