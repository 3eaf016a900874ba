import { z } from "zod";
import { AUDIO_FORMATS } from "../audio/formats";

/**
 * The server's messages on the conversation socket, parsed with zod in both the contract's forms
 * (`shared/api/convai-api.md`) and the live service's (`shared/api/live-vs-seed.md` §2.2). Only
 * what the client acts on is modelled; every other field passes through (`looseObject`), and a
 * message of an unknown type is kept as it came.
 */

const alignment = z.looseObject({
  chars: z.array(z.string()),
  char_start_times_ms: z.array(z.number()),
  char_durations_ms: z.array(z.number()),
});
export type Alignment = z.infer<typeof alignment>;

const metadata = z.looseObject({
  type: z.literal("conversation_initiation_metadata"),
  conversation_initiation_metadata_event: z.looseObject({
    conversation_id: z.string(),
    agent_output_audio_format: z.enum(AUDIO_FORMATS),
    user_input_audio_format: z.enum(AUDIO_FORMATS),
  }),
});

const audio = z.looseObject({
  type: z.literal("audio"),
  audio_event: z.looseObject({
    audio_base_64: z.string(),
    event_id: z.number(),
    is_final: z.boolean().optional(),
    alignment: alignment.nullish(),
  }),
});

/** Live: `{ping_event: {event_id, ping_ms}}`; contract: a bare `{type: "ping"}`. */
const ping = z.looseObject({
  type: z.literal("ping"),
  ping_event: z.looseObject({ event_id: z.number(), ping_ms: z.number().nullish() }).optional(),
});

const toolCallFields = z.looseObject({
  tool_name: z.string(),
  tool_call_id: z.string(),
  parameters: z.record(z.string(), z.unknown()).default({}),
});
/** Live form of a client tool call. */
const clientToolCall = z.looseObject({ type: z.literal("client_tool_call"), client_tool_call: toolCallFields });
/** Contract form: `tool_call` names every tool call; the client answers those in its table. */
const toolCall = z.looseObject({ type: z.literal("tool_call"), tool_call_event: toolCallFields });

const interruption = z.looseObject({
  type: z.literal("interruption"),
  interruption_event: z.looseObject({ event_id: z.number() }).optional(),
});

const error = z.looseObject({
  type: z.literal("error"),
  error_event: z
    .looseObject({ code: z.string().optional(), message: z.string().optional(), details: z.unknown().optional() })
    .optional(),
  // Some servers put the message at the top level.
  message: z.string().optional(),
});

const agentResponse = z.looseObject({
  type: z.literal("agent_response"),
  agent_response_event: z.looseObject({ agent_response: z.string(), event_id: z.number().optional() }),
});

const userTranscript = z.looseObject({
  type: z.literal("user_transcript"),
  user_transcription_event: z.looseObject({ user_transcript: z.string() }),
});

export const serverMessageSchemas = {
  conversation_initiation_metadata: metadata,
  audio,
  ping,
  client_tool_call: clientToolCall,
  tool_call: toolCall,
  interruption,
  error,
  agent_response: agentResponse,
  user_transcript: userTranscript,
} as const;

type Schemas = typeof serverMessageSchemas;
export type KnownServerMessage = { [K in keyof Schemas]: z.infer<Schemas[K]> }[keyof Schemas];
export type MetadataMessage = z.infer<typeof metadata>;
export type AudioMessage = z.infer<typeof audio>;
export type PingMessage = z.infer<typeof ping>;
export type ErrorMessage = z.infer<typeof error>;
export type AgentResponseMessage = z.infer<typeof agentResponse>;
export type UserTranscriptMessage = z.infer<typeof userTranscript>;
export type InterruptionMessage = z.infer<typeof interruption>;

/** A parsed server frame: a known message, or any JSON object with its `type` (or `"unknown"`). */
export type ParsedServerMessage =
  | { known: true; type: KnownServerMessage["type"]; message: KnownServerMessage }
  | { known: false; type: string; message: unknown; problem?: string };

/**
 * Parses one text frame. A known type whose fields do not match its schema is returned unknown
 * with the problem (the event log keeps it; the client does not act on a half-understood message).
 */
export function parseServerMessage(raw: string): ParsedServerMessage {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { known: false, type: "invalid_json", message: raw, problem: "frame is not JSON" };
  }
  const type =
    typeof json === "object" && json !== null && typeof (json as { type?: unknown }).type === "string"
      ? (json as { type: string }).type
      : "unknown";
  const schema = (serverMessageSchemas as Record<string, z.ZodType<KnownServerMessage>>)[type];
  if (!schema) return { known: false, type, message: json };
  const result = schema.safeParse(json);
  if (result.success) return { known: true, type: type as KnownServerMessage["type"], message: result.data };
  const issue = result.error.issues[0];
  return {
    known: false,
    type,
    message: json,
    problem: `${issue?.path.map(String).join(".") || type}: ${issue?.message ?? "invalid"}`,
  };
}

/** The tool call of a `client_tool_call` (live) or `tool_call` (contract) message. */
export function toolCallOf(message: unknown): z.infer<typeof toolCallFields> | undefined {
  const live = clientToolCall.safeParse(message);
  if (live.success) return live.data.client_tool_call;
  const contract = toolCall.safeParse(message);
  return contract.success ? contract.data.tool_call_event : undefined;
}
