import { z } from "zod";
import { AUDIO_FORMATS } from "../../provider/audio/formats";

/**
 * The messages of the conversation WebSocket, both ways: the contract's forms
 * (`shared/api/convai-api.md`) and the live service's where they differ (`user_message`,
 * `pong` with `event_id`, `client_tool_result`, `contextual_update`, `user_activity`).
 * Client messages are parsed here with zod; server messages are built here, nowhere else.
 */

const overrideSchema = z.looseObject({
  agent: z
    .looseObject({
      prompt: z.looseObject({ prompt: z.string().optional() }).optional(),
      first_message: z.string().optional(),
      language: z.string().optional(),
    })
    .optional(),
  tts: z.looseObject({ voice_id: z.string().optional(), output_format: z.enum(AUDIO_FORMATS).optional() }).optional(),
  stt: z.looseObject({ language: z.string().optional() }).optional(),
  turn: z
    .looseObject({
      threshold: z.number().min(0).max(1).optional(),
      prefix_padding_ms: z.number().int().min(0).max(5000).optional(),
      silence_duration_ms: z.number().int().min(20).max(10000).optional(),
    })
    .optional(),
});
export type ConfigOverride = z.infer<typeof overrideSchema>;

const text = z.string().min(1, "must be a non-empty string");

export const clientMessage = z.discriminatedUnion("type", [
  z.looseObject({
    type: z.literal("conversation_initiation_client_data"),
    conversation_config_override: overrideSchema.optional(),
    custom_llm_extra_body: z.record(z.string(), z.unknown()).optional(),
    dynamic_variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    user_id: z.string().optional(),
  }),
  z.looseObject({ type: z.literal("user_audio_chunk"), user_audio_chunk: z.base64() }),
  z.looseObject({ type: z.literal("user_input"), text }),
  z.looseObject({ type: z.literal("user_message"), text }),
  z.looseObject({ type: z.literal("ping"), event_id: z.number().optional() }),
  z.looseObject({ type: z.literal("pong"), event_id: z.number().int() }),
  z.looseObject({ type: z.literal("interruption") }),
  z.looseObject({
    type: z.literal("client_tool_result"),
    tool_call_id: z.string(),
    result: z.unknown().optional(),
    is_error: z.boolean().optional(),
  }),
  z.looseObject({ type: z.literal("contextual_update"), text }),
  z.looseObject({ type: z.literal("user_activity") }),
  z.looseObject({ type: z.literal("feedback"), score: z.enum(["like", "dislike"]).optional() }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;
export type InitiationData = Extract<ClientMessage, { type: "conversation_initiation_client_data" }>;

/**
 * A frame's text parsed to a client message, or a reason for the `error` event. An audio chunk
 * has no `type` on the wire (`{"user_audio_chunk": "…"}`); it is given one here.
 */
export function parseClientMessage(raw: string): { ok: true; message: ClientMessage } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: "message is not valid JSON" };
  }
  if (json && typeof json === "object" && !("type" in json) && "user_audio_chunk" in json) {
    json = { ...json, type: "user_audio_chunk" };
  }
  const result = clientMessage.safeParse(json);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join(".");
  return { ok: false, reason: path ? `${path}: ${issue?.message}` : (issue?.message ?? "invalid message") };
}

export interface Alignment {
  chars: string[];
  char_start_times_ms: number[];
  char_durations_ms: number[];
}

/** Builders of every server message, in the shapes the contract and the live service use. */
export const serverMessage = {
  metadata: (e: {
    conversation_id: string;
    agent_id: string;
    agent_output_audio_format: string;
    user_input_audio_format: string;
    session_id: string;
  }) => ({ type: "conversation_initiation_metadata", conversation_initiation_metadata_event: e }),
  audio: (audio_base_64: string, event_id: number, is_final: boolean, alignment: Alignment) => ({
    type: "audio",
    audio_event: { audio_base_64, event_id, is_final, alignment },
  }),
  userTranscript: (user_transcript: string, confidence: number) => ({
    type: "user_transcript",
    user_transcription_event: { user_transcript, is_final: true, confidence },
  }),
  agentResponse: (agent_response: string, event_id: number) => ({
    type: "agent_response",
    agent_response_event: { agent_response, is_final: true, event_id },
  }),
  vadScore: (vad_score: number) => ({ type: "vad_score", vad_score_event: { vad_score } }),
  tentative: (tentative_agent_response: string) => ({
    type: "internal_tentative_agent_response",
    tentative_agent_response_internal_event: { tentative_agent_response },
  }),
  toolCall: (tool_name: string, tool_call_id: string, parameters: Record<string, unknown>) => ({
    type: "tool_call",
    tool_call_event: { tool_name, parameters, tool_call_id },
  }),
  clientToolCall: (tool_name: string, tool_call_id: string, parameters: Record<string, unknown>) => ({
    type: "client_tool_call",
    client_tool_call: { tool_name, tool_call_id, parameters },
  }),
  toolResponse: (tool_call_id: string, tool_name: string, response: unknown, is_error: boolean) => ({
    type: "tool_response",
    tool_response_event: { tool_call_id, tool_name, response, is_error },
  }),
  interruption: (event_id: number) => ({ type: "interruption", interruption_event: { event_id } }),
  ping: (event_id: number, ping_ms: number | null) => ({ type: "ping", ping_event: { event_id, ping_ms } }),
  pong: (event_id?: number) => ({ type: "pong", ...(event_id === undefined ? {} : { pong_event: { event_id } }) }),
  error: (code: string, message: string, details: Record<string, unknown> = {}) => ({
    type: "error",
    error_event: { code, message, details },
  }),
};
export type ServerMessage = ReturnType<(typeof serverMessage)[keyof typeof serverMessage]>;

/** Close codes as the live service uses them. */
export const CLOSE = { normal: 1000, operational: 1002, policy: 1008, internal: 1011 } as const;
