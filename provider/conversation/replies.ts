/**
 * What the client answers by itself: pings and client tool calls. Pure builders of the reply
 * messages; the client sends them and records them.
 */
import type { ClientToolHandler } from "./client";
import { toolCallOf } from "./messages";

export type PingShape = { type: "ping"; ping_event?: { event_id: number; ping_ms?: number | null } };

/**
 * Live `ping {ping_event: {event_id, ping_ms}}` → `pong {event_id}`, sent after `ping_ms` as the
 * SDKs do (capped at 10 s); the contract's bare `ping` → a bare `pong` at once.
 */
export function pongFor(message: PingShape): { pong: { type: "pong"; event_id?: number }; delayMs: number } {
  const event = message.ping_event;
  return {
    pong: event ? { type: "pong", event_id: event.event_id } : { type: "pong" },
    delayMs: Math.min(Math.max(event?.ping_ms ?? 0, 0), 10_000),
  };
}

export interface ClientToolResult {
  type: "client_tool_result";
  tool_call_id: string;
  result: unknown;
  is_error: boolean;
}

/**
 * The `client_tool_result` for a `client_tool_call` (live) or `tool_call` (contract) message, from
 * the caller's table: its result, its error, a throw (an error naming the tool), or, for a live
 * client tool call of a name not in the table, an error saying so. `undefined` when there is
 * nothing to answer: not a tool call, or a contract `tool_call` of a tool not in the table (a
 * server tool, which the server answers itself).
 */
export async function toolResultFor(
  message: unknown,
  table: Record<string, ClientToolHandler> = {},
): Promise<ClientToolResult | undefined> {
  const call = toolCallOf(message);
  if (!call) return undefined;
  const handler = Object.hasOwn(table, call.tool_name) ? table[call.tool_name] : undefined;
  const live = (message as { type?: unknown }).type === "client_tool_call";
  if (!handler && !live) return undefined;
  const reply = (result: unknown, isError: boolean): ClientToolResult => ({
    type: "client_tool_result",
    tool_call_id: call.tool_call_id,
    result,
    is_error: isError,
  });
  if (!handler)
    return reply(`unknown client tool "${call.tool_name}": the clientTools table has no entry for it`, true);
  try {
    const outcome = await handler(call.parameters);
    return "error" in outcome ? reply(outcome.error, true) : reply(outcome.result, false);
  } catch (error) {
    return reply(
      `client tool "${call.tool_name}" threw: ${error instanceof Error ? error.message : String(error)}`,
      true,
    );
  }
}
